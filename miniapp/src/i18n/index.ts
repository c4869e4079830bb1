import { useSyncExternalStore } from 'react';
import Taro from '@tarojs/taro';
import { en, zh, type MessageKey } from './messages';

/** A small i18n store: Chinese first, English on request, the choice kept in storage. */
export type Lang = 'zh' | 'en';
const STORAGE_KEY = 'membership.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };

function readStoredLang(): Lang {
  try {
    return Taro.getStorageSync(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

let current: Lang = readStoredLang();
const listeners = new Set<() => void>();

export const getLang = (): Lang => current;
/** The Accept-Language the API client sends. */
export const getLocale = (): string => (current === 'en' ? 'en' : 'zh-CN');

export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    Taro.setStorageSync(STORAGE_KEY, lang);
  } catch {
    // Storage full or unavailable: the choice lasts for this session only.
  }
  listeners.forEach((l) => l());
}

export function translate(key: MessageKey, vars?: Record<string, string | number>, lang: Lang = current): string {
  const text = dictionaries[lang][key] ?? zh[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

/** Picks the language's side of a `{ zh, en }` text from the API. */
export function pick(text: { zh: string; en: string } | undefined | null, lang: Lang = current): string {
  if (!text) return '';
  return (lang === 'en' ? text.en : text.zh) || text.zh || text.en;
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function useI18n() {
  const lang = useSyncExternalStore(subscribe, getLang, getLang);
  return {
    lang,
    t: (key: MessageKey, vars?: Record<string, string | number>) => translate(key, vars, lang),
    pick: (text: { zh: string; en: string } | undefined | null) => pick(text, lang),
    toggle: () => setLang(lang === 'zh' ? 'en' : 'zh'),
  };
}

export type { MessageKey };
