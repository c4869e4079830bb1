import { Input, View } from '@tarojs/components';
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

/**
 * A label over an input (and an optional control beside it, e.g. "send code"). Taro's own Input: NutUI's added only
 * styling we override, and brought its ConfigProvider, locale and lodash.kebabcase (~18 KB) into the main package.
 */
export function Field({ id, label, value, onChange, placeholder, type = 'text', maxLength, extra, onConfirm }: FieldProps) {
  const idProps = isH5 ? { nativeProps: { id, autoComplete: 'off' } } : { id };
  return (
    <View className='field'>
      <View className='field__label'>{label}</View>
      <View className='field__control'>
        <Input
          {...idProps}
          className='field__input'
          type={type === 'tel' || type === 'number' ? 'number' : type === 'digit' ? 'digit' : 'text'}
          password={type === 'password'}
          value={value}
          placeholder={placeholder}
          placeholderClass='field__placeholder'
          maxlength={maxLength ?? 140}
          onInput={(e) => onChange(e.detail.value)}
          onConfirm={onConfirm ? () => onConfirm() : undefined}
        />
        {extra ? <View className='field__extra'>{extra}</View> : null}
      </View>
    </View>
  );
}
