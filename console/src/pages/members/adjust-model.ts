import type { WholeOptions } from '../../forms/exact-number';
import { wholeValue } from '../../forms/ExactNumberInput';

/**
 * The points adjustment as the form holds it (text, exactly as typed) and as it is sent. Pure, apart from
 * drawing random keys.
 */
export type AdjustRole = 'ops' | 'service';
export interface AdjustFormValues {
  points?: string;
  note?: string;
  reasonZh?: string;
  reasonEn?: string;
  caseRef?: string;
}
/** What the operator asked for; the confirmation adds allowDebt and the idempotency key. */
export interface AdjustmentDraft {
  points: number;
  note: string;
  shopperReason?: { zh: string; en?: string };
  caseRef?: string;
}

/** Ops adjust either way; customer service only grants (BUSINESS-RULES 8.4). The API takes at most 1,000,000 either way. */
export const pointsOptions = (role: AdjustRole): WholeOptions => ({ signed: role === 'ops', allowZero: false, min: -1_000_000, max: 1_000_000 });
export const CASE_REF = /^[A-Za-z0-9_.:-]{3,60}$/;
/** What the shopper reads when no reason is given (shared/features/points/schemas.ts; that module carries zod). */
export const DEFAULT_SHOPPER_REASON = { zh: '积分调整', en: 'Points adjustment' } as const;
export const NOTE_LIMITS = { min: 2, max: 200 } as const;
export const REASON_LIMITS = { min: 2, max: 60 } as const;

export function draftOf(values: AdjustFormValues, role: AdjustRole): AdjustmentDraft {
  const points = wholeValue(values.points ?? '', pointsOptions(role));
  const zh = values.reasonZh?.trim() ?? '';
  const en = values.reasonEn?.trim() ?? '';
  const caseRef = values.caseRef?.trim() ?? '';
  return {
    points,
    note: (values.note ?? '').trim(),
    ...(zh ? { shopperReason: en ? { zh, en } : { zh } } : {}),
    ...(caseRef ? { caseRef } : {}),
  };
}

/** The form's field for an API path of the adjustment's body (["body","shopperReason","zh"] → reasonZh). */
export function adjustFieldOf(path: string[]): string[] | null {
  if (path[0] !== 'body') return null;
  const [, field, sub] = path;
  if (field === 'points' || field === 'note' || field === 'caseRef') return [field];
  if (field === 'shopperReason') return [sub === 'en' ? 'reasonEn' : 'reasonZh'];
  return null;
}

/** A fresh idempotency key: a UUID (crypto.randomUUID needs a secure context; random bytes do not). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * One idempotency key per adjustment until it is known to be applied. A confirmation draws a fresh key, except
 * for an adjustment whose earlier send never got an answer (a network error, a timeout): that may have been
 * applied, so the same adjustment, confirmed again, goes out with the same key and the server answers the first
 * result instead of granting twice. (allowDebt is left out of the match on purpose: a resend that adds it gets
 * the server's 409 rather than a second deduction.)
 */
export class IdempotencyKeys {
  private unsettled: { fingerprint: string; key: string } | null = null;
  constructor(private readonly draw: () => string = newIdempotencyKey) {}

  keyFor(draft: AdjustmentDraft): string {
    const fingerprint = JSON.stringify([draft.points, draft.note, draft.shopperReason?.zh ?? null, draft.shopperReason?.en ?? null, draft.caseRef ?? null]);
    if (this.unsettled?.fingerprint !== fingerprint) this.unsettled = { fingerprint, key: this.draw() };
    return this.unsettled.key;
  }

  /** The adjustment was applied (or the key is spent): the next confirmation draws a new key. */
  settle(key: string): void {
    if (this.unsettled?.key === key) this.unsettled = null;
  }
}
