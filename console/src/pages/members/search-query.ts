import { CN_MOBILE, normalizePhone } from '../../../../shared/rules/phone';

/**
 * One search box takes either a mainland mobile number (11 digits; spaces, dashes and a +86 prefix are
 * dropped) or a 9-digit member number. Nothing else is guessed at: a 10-digit number is neither.
 */
export type MemberQuery = { phone: string } | { memberId: string };
export type ParsedMemberQuery = { ok: true; query: MemberQuery } | { ok: false; problem: 'empty' | 'invalid' };

export function parseMemberQuery(text: string): ParsedMemberQuery {
  const compact = text.replace(/[\s-]/g, '');
  if (compact === '') return { ok: false, problem: 'empty' };
  if (/^\d{9}$/.test(compact)) return { ok: true, query: { memberId: compact } };
  const phone = normalizePhone(text.trim());
  if (CN_MOBILE.test(phone)) return { ok: true, query: { phone } };
  return { ok: false, problem: 'invalid' };
}
