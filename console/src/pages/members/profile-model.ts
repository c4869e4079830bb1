import { isDay } from '../../components/days';
import type { Lang } from '../../shell/i18n';

/**
 * Correcting a birthday, as the form holds it and as it is sent (PATCH /staff/members/{id}/profile). A birthday
 * is a calendar day, not an instant: it is picked, kept and sent as YYYY-MM-DD text, and "not after today" means
 * the chain's today (Asia/Shanghai), as the API checks it (shared/features/members/schemas.ts birthdaySchema).
 */
export const BIRTHDAY_MIN = '1900-01-01';
/** Where the picker opens when the member has none: a birthday is usually decades back. */
export const BIRTHDAY_OPEN_AT = '1990-01-01';
/** The API's limit on the reason (staffProfileCorrection.note: 1–200 after trimming, as JavaScript counts). */
export const NOTE_MAX = 200;

export interface BirthdayFormValues {
  birthday?: string;
  note?: string;
}
export interface BirthdayCorrection {
  birthday: string;
  note: string;
}

export function birthdayProblem(day: string | undefined, today: string): 'required' | 'range' | null {
  if (!day) return 'required';
  if (!isDay(day) || day < BIRTHDAY_MIN || day > today) return 'range';
  return null;
}

export function noteProblem(note: string | undefined): 'required' | 'length' | null {
  const s = (note ?? '').trim();
  if (!s) return 'required';
  return s.length > NOTE_MAX ? 'length' : null;
}

/** What is sent, from values the form's rules accepted. */
export const correctionOf = (v: BirthdayFormValues): BirthdayCorrection => ({ birthday: v.birthday ?? '', note: (v.note ?? '').trim() });

/** The form's field for an API path of the correction's body. */
export function correctionFieldOf(path: string[]): string[] | null {
  if (path[0] !== 'body') return null;
  return path[1] === 'birthday' || path[1] === 'note' ? [path[1]] : null;
}

/** A month (1–12) as the user reads it: 6月, June. */
export const monthLabel = (month: number, lang: Lang): string =>
  lang === 'en' ? new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2000, month - 1, 1)) : `${month}月`;
