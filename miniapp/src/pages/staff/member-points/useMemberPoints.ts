import { useState } from 'react';
import type { RouteResponse } from '@shared/routes';
import { defaultChainSettings } from '@shared/settings-defaults';
import { translate, type MessageKey } from '../../../i18n';
import { ApiError, errorMessage, staffApi } from '../../../services/api';
import { useStaffTool } from '../../../services/staff-guard';
import { capFromDetails, newAdjustmentKey, parseAdjustmentPoints, parseMemberNo, parseReason, type PointsError } from '../../../utils/adjustment';
import { pages } from '../../../utils/links';

type Member = RouteResponse<'getMember'>;
type Adjustment = RouteResponse<'adjustPoints'>;

const pointsErrors: Record<PointsError, MessageKey> = {
  empty: 'mp.err.empty',
  notInteger: 'mp.err.notInteger',
  zero: 'mp.err.zero',
  negativeNotAllowed: 'mp.err.negativeNotAllowed',
  overCap: 'mp.err.overCap',
  tooLarge: 'mp.err.tooLarge',
};
const reasonErrors = { empty: 'mp.err.reasonEmpty', tooShort: 'mp.err.reasonShort', tooLong: 'mp.err.reasonLong' } as const;

/**
 * 会员积分调整 (ops: add or deduct) and 会员积分补偿 (customer service: add, up to the chain's cap per case): look a
 * member up by number, then one adjustment at a time. Each form gets its own idempotency key, made when the member is
 * looked up and again after a success; a failed send keeps it, so sending again cannot adjust twice.
 */
export function useMemberPoints() {
  const [memberInput, setMemberInput] = useState('');
  const [member, setMember] = useState<Member>();
  const [lookingUp, setLookingUp] = useState(false);
  const [lookupError, setLookupError] = useState<string>();

  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const [caseRef, setCaseRef] = useState('');
  const [idempotencyKey, setIdempotencyKey] = useState(() => newAdjustmentKey());
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<Adjustment>();
  const [error, setError] = useState<string>();

  const [cap, setCap] = useState(defaultChainSettings.points.serviceCompensationCap);

  const guard = useStaffTool('memberPoints', pages.staffMemberPoints, (profile) => {
    if (profile.role !== 'service') return;
    // The cap is chain data a marketer may change; until it arrives (or if it cannot) the default stands.
    staffApi.call('getSettings').then(
      (s) => setCap(s.settings.points.serviceCompensationCap),
      () => undefined,
    );
  });
  const compensationOnly = guard.profile?.role === 'service';

  async function lookup() {
    if (lookingUp) return;
    const parsed = parseMemberNo(memberInput);
    if (!parsed.ok) {
      setLookupError(translate('mp.memberNoInvalid'));
      return;
    }
    setLookingUp(true);
    setLookupError(undefined);
    try {
      const found = await staffApi.call('getMember', { params: { memberId: parsed.memberId } });
      if (found.memberId !== member?.memberId) {
        // A new form for another member.
        setPoints('');
        setReason('');
        setResult(undefined);
        setError(undefined);
        setIdempotencyKey(newAdjustmentKey());
      }
      setMember(found);
    } catch (err) {
      setMember(undefined);
      if (guard.forbiddenBy(err)) return;
      setLookupError(err instanceof ApiError && err.status === 404 ? translate('mp.notFound', { member: parsed.memberId }) : errorMessage(err));
    } finally {
      setLookingUp(false);
    }
  }

  async function submit() {
    if (submitting || !member) return;
    const p = parseAdjustmentPoints(points, { positiveOnly: compensationOnly, cap: compensationOnly ? cap : undefined });
    if (!p.ok) {
      setError(translate(pointsErrors[p.error], { cap }));
      return;
    }
    const r = parseReason(reason);
    if (!r.ok) {
      setError(translate(reasonErrors[r.error]));
      return;
    }
    const c = caseRef.trim();
    if (compensationOnly && !/^[A-Za-z0-9_.:-]{3,60}$/.test(c)) {
      setError(translate('mp.err.caseRef'));
      return;
    }
    setSubmitting(true);
    setError(undefined);
    setResult(undefined);
    try {
      // The note stays internal; the shopper's history shows the neutral default reason.
      const res = await staffApi.call('adjustPoints', {
        params: { memberId: member.memberId },
        body: { points: p.points, note: r.reason, idempotencyKey, ...(compensationOnly ? { caseRef: c } : {}) },
      });
      setResult(res);
      setMember((m) => (m && m.memberId === res.memberId ? { ...m, points: { ...m.points, available: res.balance } } : m));
      setPoints('');
      setReason('');
      setIdempotencyKey(newAdjustmentKey());
    } catch (err) {
      // The server's own words, shown under the form. A 403 here refuses this adjustment (customer service deducting),
      // not the page. Over the cap: the chain's cap changed since the page loaded; show the one the server holds.
      const serverCap = err instanceof ApiError && err.status === 400 ? capFromDetails(err.details) : undefined;
      if (serverCap !== undefined) {
        setCap(serverCap);
        setError(translate('mp.err.overCap', { cap: serverCap }));
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setSubmitting(false);
    }
  }

  return {
    guard,
    compensationOnly,
    cap,
    memberInput,
    setMemberInput,
    member,
    lookingUp,
    lookupError,
    lookup,
    points,
    setPoints,
    reason,
    setReason,
    caseRef,
    setCaseRef,
    idempotencyKey,
    submitting,
    result,
    error,
    submit,
  };
}
