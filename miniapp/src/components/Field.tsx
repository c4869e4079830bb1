import { View } from '@tarojs/components';
import Input from '@nutui/nutui-react-taro/dist/es/packages/input';
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css';
import type { ReactNode } from 'react';
import { isH5 } from '../services/runtime';
import './Field.scss';

interface FieldProps {
  /** Lands on the real <input> in H5 (so browser tests can fill it) and on the input component in weapp. */
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  type?: 'text' | 'number' | 'digit' | 'tel' | 'password';
  maxLength?: number;
  extra?: ReactNode;
  onConfirm?: () => void;
}

export function Field({ id, label, value, onChange, placeholder, type = 'text', maxLength, extra, onConfirm }: FieldProps) {
  const idProps = isH5 ? { nativeProps: { id, autoComplete: 'off' } } : { id };
  return (
    <View className='field'>
      <View className='field__label'>{label}</View>
      <View className='field__control'>
        <Input
          {...idProps}
          className='field__input'
          type={type === 'tel' ? 'number' : type}
          value={value}
          placeholder={placeholder}
          maxLength={maxLength ?? 140}
          clearable={false}
          onChange={onChange}
          onConfirm={onConfirm ? () => onConfirm() : undefined}
        />
        {extra ? <View className='field__extra'>{extra}</View> : null}
      </View>
    </View>
  );
}
