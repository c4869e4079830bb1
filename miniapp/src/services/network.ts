import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { isOnline } from '../utils/code-timing';
import { isH5 } from './runtime';

/**
 * Whether the phone is online, kept current. Mini-program: `getNetworkType` once, then `onNetworkStatusChange`.
 * H5: `navigator.onLine` and the window's online/offline events (Taro's H5 network API reads navigator.connection,
 * which never reports "none").
 */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => (isH5 && typeof navigator !== 'undefined' ? navigator.onLine !== false : true));
  useEffect(() => {
    if (isH5) {
      if (typeof window === 'undefined') return;
      const on = () => setOnline(true);
      const off = () => setOnline(false);
      window.addEventListener('online', on);
      window.addEventListener('offline', off);
      setOnline(navigator.onLine !== false);
      return () => {
        window.removeEventListener('online', on);
        window.removeEventListener('offline', off);
      };
    }
    let live = true;
    const onChange = (res: { isConnected?: boolean; networkType?: string }) => setOnline(isOnline(res));
    Taro.getNetworkType()
      .then((res) => live && setOnline(isOnline(res)))
      .catch(() => undefined);
    Taro.onNetworkStatusChange(onChange);
    return () => {
      live = false;
      Taro.offNetworkStatusChange?.(onChange);
    };
  }, []);
  return online;
}
