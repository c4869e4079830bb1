import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { isWellFormedMemberCode } from '@shared/rules/member-code';
import type { RouteResponse } from '@shared/routes';
import { translate } from '../../../i18n';
import { errorMessage, staffApi } from '../../../services/api';
import { cachedPointsRules, loadPointsRules } from '../../../services/points-rules';
import { publicAppUrl } from '../../../services/runtime';
import { staffSession } from '../../../services/session';
import { cleanMemberCodeInput } from '../../../utils/format';
import { buildJoinUrl, pages } from '../../../utils/links';
import { deductionNote, parseYuanToFen, quoteBasketBody } from '../../../utils/quote';

type JoinCode = RouteResponse<'registerJoinCode'>;
type Identified = RouteResponse<'identifyMember'>;
type IdentifiedMember = Identified['member'];
type Quote = RouteResponse<'quoteBasket'>;
type SaleResult = RouteResponse<'recordSale'>;

/** The register's scan-to-join code, as a link into the H5 app (which WeChat can map to the mini-program). */
export function useJoinCode() {
  const profile = staffSession.profile();
  const register = profile?.register ?? null;
  const [joinCode, setJoinCode] = useState<JoinCode>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!staffSession.token()) {
      Taro.redirectTo({ url: pages.staffLogin });
      return;
    }
    if (!register) {
      setError(translate('cashier.noRegister'));
      return;
    }
    let alive = true;
    staffApi.call('registerJoinCode', { params: { storeId: register.storeId, registerId: register.registerId } }).then(
      (c) => alive && setJoinCode(c),
      (e) => alive && setError(errorMessage(e)),
    );
    return () => {
      alive = false;
    };
  }, [register?.storeId, register?.registerId]);

  const joinUrl = joinCode ? buildJoinUrl(publicAppUrl(), joinCode.path) : undefined;
  return { profile, register, joinCode, joinUrl, error };
}

/** Identify a member by the 18-digit code the shopper shows; mistyped codes never leave the till. */
export function useIdentify() {
  const [input, setInput] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Identified>();
  /** The code the member showed: the quote names the member by it (proof of presence for points). */
  const [presented, setPresented] = useState<string>();
  const [error, setError] = useState<string>();

  async function identify(raw: string = input) {
    if (busy) return;
    const code = cleanMemberCodeInput(raw);
    setResult(undefined);
    if (!isWellFormedMemberCode(code)) {
      setError(translate('cashier.codeMistyped'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      setResult(await staffApi.call('identifyMember', { body: { code } }));
      setPresented(code);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function scan() {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['barCode', 'qrCode'] });
      const code = cleanMemberCodeInput(res.result ?? '');
      setInput(code);
      await identify(code);
    } catch {
      // Cancelled by the cashier: nothing to do.
    }
  }

  return { input, setInput, busy, result, presented, error, identify, scan };
}

/**
 * After identifying a member: their tier's benefits (from the public rules until a quote answers with them) and the
 * checkout preview (结算试算) for an amount typed at the till, as a one-line basket at this register's store.
 */
export function useQuote(member: IdentifiedMember | undefined, presentedCode?: string) {
  const storeId = staffSession.profile()?.register?.storeId;
  const [rules, setRules] = useState(cachedPointsRules);
  const [amount, setAmount] = useState('');
  const [busy, setBusy] = useState(false);
  const [quote, setQuote] = useState<Quote>();
  const [error, setError] = useState<string>();
  /** The cashier's own choice of coupons (undefined: the quote's best combination). */
  const [chosen, setChosen] = useState<string[]>();
  /** Coupon QR codes scanned or typed at the till (扫码核销): the member's presence for those coupons. */
  const [couponCodes, setCouponCodes] = useState<string[]>([]);
  const [codeInput, setCodeInput] = useState('');
  const [sold, setSold] = useState<SaleResult>();

  useEffect(() => {
    let alive = true;
    loadPointsRules().then(
      (r) => alive && setRules(r),
      () => undefined, // benefits then come with the first quote
    );
    return () => {
      alive = false;
    };
  }, []);

  // Another member at the till: the last preview was someone else's.
  useEffect(() => {
    setQuote(undefined);
    setError(undefined);
    setChosen(undefined);
    setCouponCodes([]);
    setSold(undefined);
  }, [member?.memberId]);

  const tierRules = rules?.tiers.find((tier) => tier.code === member?.tier.code);
  const quoteForMember = quote && quote.memberId === member?.memberId ? quote : undefined;
  const benefits = quoteForMember?.tier ?? tierRules;

  const memberRef = () => (presentedCode ? { code: presentedCode } : { memberId: member!.memberId });

  async function run(opts: { chosen?: string[] | null; codes?: string[] } = {}) {
    if (busy || !member) return;
    const pick = opts.chosen === null ? undefined : (opts.chosen ?? chosen);
    const codes = opts.codes ?? couponCodes;
    if (!storeId) {
      setError(translate('cashier.noRegister'));
      return;
    }
    const parsed = parseYuanToFen(amount);
    if (!parsed.ok) {
      setQuote(undefined);
      setError(translate(parsed.error === 'tooLarge' ? 'cashier.quoteAmountTooLarge' : 'cashier.quoteAmountInvalid'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const coupons = pick || codes.length ? { coupons: { ...(pick ? { grantIds: pick } : {}), ...(codes.length ? { codes } : {}) } } : {};
      setQuote(await staffApi.call('quoteBasket', { body: { ...quoteBasketBody(storeId, memberRef(), parsed.fen), ...coupons } }));
      setSold(undefined);
    } catch (err) {
      setQuote(undefined);
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  /** Tapping a coupon: the quote again with it in or out of the chosen set. */
  function toggleCoupon(grantId: string) {
    if (!quoteForMember) return;
    const now = quoteForMember.coupons.chosen.grantIds;
    const next = now.includes(grantId) ? now.filter((g) => g !== grantId) : [...now, grantId];
    setChosen(next);
    void run({ chosen: next });
  }

  /** A coupon's QR (CP1.…), scanned or typed: added, then quoted again. */
  function addCouponCode(raw: string = codeInput) {
    const code = raw.trim();
    if (!code || couponCodes.includes(code)) return;
    const codes = [...couponCodes, code].slice(-5);
    setCouponCodes(codes);
    setCodeInput('');
    void run({ codes });
  }

  async function scanCoupon() {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      addCouponCode(res.result ?? '');
    } catch {
      // Cancelled by the cashier.
    }
  }

  /** Records the sale as quoted: the one-line basket after the tier discount, the chosen coupons, paid in cash. */
  async function checkout() {
    const q = quoteForMember;
    const register = staffSession.profile()?.register;
    const parsed = parseYuanToFen(amount);
    if (busy || !q || !member || !register || !parsed.ok || q.afterCouponsFen <= 0) return;
    const grantIds = q.coupons.chosen.grantIds;
    setBusy(true);
    setError(undefined);
    try {
      const line = q.lines[0];
      const result = await staffApi.call('recordSale', {
        body: {
          receiptNo: `M${Date.now().toString(36).toUpperCase()}`,
          storeId: register.storeId,
          registerId: register.registerId,
          soldAt: new Date().toISOString(),
          lines: [{ lineNo: 1, sku: 'BASKET', category: 'general', qtyMilli: 1000, unitPriceFen: parsed.fen, lineDiscountFen: parsed.fen - line.afterTierFen }],
          payments: [{ method: 'cash', amountFen: q.afterCouponsFen }],
          member: memberRef(),
          ...(grantIds.length ? { coupons: { grantIds, ...(presentedCode ? {} : { codes: couponCodes }) } } : {}),
        },
      });
      setSold(result);
      setQuote(undefined);
      setChosen(undefined);
      setCouponCodes([]);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const note = quoteForMember ? deductionNote(quoteForMember.afterCouponsFen, quoteForMember.points, rules?.points) : undefined;
  return { amount, setAmount, busy, quote: quoteForMember, note, error, run, benefits, toggleCoupon, codeInput, setCodeInput, addCouponCode, scanCoupon, couponCodes, checkout, sold };
}
