import { ErrorCode } from '../../../shared/errors';
import { timeStepOf, verifyMemberCode } from '../../../shared/rules/member-code';
import type { AppConfig } from '../../commons/config';
import { memberCodePrf } from '../../commons/crypto';
import { badRequest, conflict, msg, notFound, type HttpError } from '../../commons/errors';
import { keys, TTL_ATTRIBUTE } from '../../commons/keys';
import { assertUnderLimitOf, countAttempt, rateWindowKey } from '../../commons/rate-limit';

/**
 * The member code presented at the register: the proof that the member is there. Every route that takes a
 * code counts wrong codes against the same limit, per caller (a cashier, or a register signing by itself),
 * so guessing a 6-digit MAC stays hopeless whichever route is tried.
 */
export const MEMBER_CODE_FAILURES = { bucket: 'member-code-fail', limit: 20, windowSeconds: 60 };

export interface PresentedCode {
  memberId: string;
  step: number;
}

/**
 * A presented code, judged (pure CPU: the MAC) before anything is read. The caller reads `windowKey` (the
 * caller's wrong-code window) with its first read, together with the member when `memberId` is known, and then
 * `settle`s: a wrong code counts against the limit and is refused, a full window refuses, an expired code is
 * refused; otherwise the member is identified and present.
 */
export interface CodeCheck {
  /** The member the code names when it is valid now; null when it is refused (settle throws). */
  memberId: string | null;
  windowKey: { PK: string; SK: string };
  settle(window: Record<string, unknown> | undefined): Promise<PresentedCode>;
}

export function checkPresentedCode(config: AppConfig, code: string, atMs: number, caller: string): CodeCheck {
  const verdict = verifyMemberCode(code, timeStepOf(atMs), memberCodePrf(config.keys.memberCode));
  return {
    memberId: verdict.kind === 'valid' ? String(verdict.memberNo) : null,
    windowKey: rateWindowKey(MEMBER_CODE_FAILURES, caller),
    settle: async (window) => {
      const underLimit = () => assertUnderLimitOf(MEMBER_CODE_FAILURES, window);
      const fail = async (err: HttpError): Promise<never> => {
        underLimit();
        await countAttempt(config.tableName, MEMBER_CODE_FAILURES, caller);
        throw err;
      };
      if (verdict.kind === 'mistyped') return fail(badRequest(ErrorCode.MEMBER_CODE_MISTYPED, msg('会员码有误，请核对后重新输入', 'The member code is mistyped')));
      if (verdict.kind === 'unknown') return fail(notFound(msg('未找到该会员码对应的会员', 'No member matches this code'), ErrorCode.MEMBER_CODE_UNKNOWN));
      underLimit();
      if (verdict.kind === 'expired') throw badRequest(ErrorCode.MEMBER_CODE_EXPIRED, msg('会员码已过期，请让顾客刷新后重新出示', 'The member code has expired; ask the member to refresh it'));
      return { memberId: String(verdict.memberNo), step: verdict.step };
    },
  };
}

export const presenceRequired = () =>
  badRequest(ErrorCode.PRESENCE_REQUIRED, msg('使用会员的积分、储值或优惠券，需要会员当场出示会员码', 'Spending a member’s points, stored value or coupons needs the member code shown for this sale'), [
    { path: ['body', 'member'], message: 'the member code presented for this sale' },
  ]);

/**
 * A code spends once: the first sale that spends with it claims it (in the sale's own transaction), so a
 * code seen by someone at the register can't be replayed for another spend while it is still valid.
 */
export function claimCodeForSpend(tableName: string, presented: PresentedCode, saleId: string) {
  return {
    item: {
      Put: {
        TableName: tableName,
        Item: { ...keys.memberCodeUse(presented.memberId, presented.step), type: 'code-use', saleId, [TTL_ATTRIBUTE]: (presented.step + 2) * 60 + 8 * 24 * 3600 },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    error: () => conflict(msg('这个会员码已用于另一笔消费，请让顾客刷新会员码', 'This member code was already used for another purchase; ask the member to refresh it'), ErrorCode.MEMBER_CODE_USED),
  };
}
