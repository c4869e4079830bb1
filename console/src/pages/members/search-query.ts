import { CN_MOBILE, normalizePhone } from '../../../../shared/rules/phone';

/**
 * The search box has two modes. By number it takes either a mainland mobile number (11 digits; spaces, dashes and
 * a +86 prefix are dropped) or a 9-digit member number; nothing else is guessed at: a 10-digit number is neither.
 * By name it takes a member's nickname as a whole: the API matches it exactly (after trimming, width, case and
 * inner spaces), never a part of it, and names are not unique, so it may find several.
 */
export type SearchMode = 'number' | 'name';
export type MemberQuery = { phone: string } | { memberId: string } | { name: string };
export type QueryProblem = 'empty' | 'invalid' | 'nameEmpty' | 'nameTooLong';
export type ParsedMemberQuery = { ok: true; query: MemberQuery } | { ok: false; problem: QueryProblem };

/** The longest name the API takes (shared/features/members/schemas.ts memberSearchQuery: 32, as JavaScript counts). */
export const NAME_MAX = 32;

export function parseMemberQuery(text: string): ParsedMemberQuery {
  const compact = text.replace(/[\s-]/g, '');
  if (compact === '') return { ok: false, problem: 'empty' };
  if (/^\d{9}$/.test(compact)) return { ok: true, query: { memberId: compact } };
  const phone = normalizePhone(text.trim());
  if (CN_MOBILE.test(phone)) return { ok: true, query: { phone } };
  return { ok: false, problem: 'invalid' };
}

export function parseNameQuery(text: string): ParsedMemberQuery {
  const name = text.trim();
  if (name === '') return { ok: false, problem: 'nameEmpty' };
  if (name.length > NAME_MAX) return { ok: false, problem: 'nameTooLong' };
  return { ok: true, query: { name } };
}

export const parseQuery = (mode: SearchMode, text: string): ParsedMemberQuery => (mode === 'name' ? parseNameQuery(text) : parseMemberQuery(text));

/** What was asked, for "nothing found by …: …". */
export function describeQuery(q: MemberQuery): { kind: 'phone' | 'memberId' | 'name'; text: string } {
  if ('phone' in q) return { kind: 'phone', text: q.phone };
  if ('memberId' in q) return { kind: 'memberId', text: q.memberId };
  return { kind: 'name', text: q.name };
}
