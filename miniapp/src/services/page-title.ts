import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';
import { useI18n, type MessageKey } from '../i18n';

/** Keeps the navigation bar title in the chosen language. */
export function usePageTitle(key: MessageKey) {
  const { t, lang } = useI18n();
  const apply = () => {
    Taro.setNavigationBarTitle({ title: t(key) }).catch(() => undefined);
  };
  useEffect(apply, [lang]);
  useDidShow(apply);
}
