import { View } from '@tarojs/components';
import { useI18n } from '../i18n';
import './LangToggle.scss';

/** 中文 ⇄ EN; the choice is kept in storage and every page re-renders. */
export function LangToggle({ light = false }: { light?: boolean }) {
  const { t, toggle } = useI18n();
  return (
    <View id='lang-toggle' className={`lang-toggle${light ? ' lang-toggle--light' : ''}`} onClick={toggle}>
      {t('lang.toggle')}
    </View>
  );
}
