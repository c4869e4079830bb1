import { useSyncExternalStore } from 'react';

/**
 * The console speaks zh-CN first and English on request; the choice is kept in localStorage. Each page keeps its
 * own messages beside it (`messages.ts`: a zh dictionary and an en one with the same keys) and reads them with useT.
 */
export type Lang = 'zh' | 'en';
const STORAGE_KEY = 'console.lang';

function storedLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

let current: Lang = storedLang();
const listeners = new Set<() => void>();

export const getLang = (): Lang => current;
/** What the API client sends as Accept-Language, so server errors come back in the user's language. */
export const acceptLanguage = (): string => (current === 'en' ? 'en' : 'zh-CN');

export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Storage unavailable: the choice lasts for this page only.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  listeners.forEach((l) => l());
}

export function useLang(): Lang {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    getLang,
    getLang,
  );
}

export interface Messages<K extends string> {
  zh: Record<K, string>;
  en: Record<K, string>;
}
export type Translate<K extends string> = (key: K, vars?: Record<string, string | number>) => string;

export function translate<K extends string>(messages: Messages<K>, lang: Lang, key: K, vars?: Record<string, string | number>): string {
  const text = messages[lang][key] ?? messages.zh[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

/** `const t = useT(messages)`; re-renders when the language changes. */
export function useT<K extends string>(messages: Messages<K>): Translate<K> {
  const lang = useLang();
  return (key, vars) => translate(messages, lang, key, vars);
}

/** Text the API gives in both languages ({ zh, en }). */
export function pick(text: { zh: string; en: string } | null | undefined, lang: Lang): string {
  if (!text) return '';
  return lang === 'en' ? text.en || text.zh : text.zh;
}
