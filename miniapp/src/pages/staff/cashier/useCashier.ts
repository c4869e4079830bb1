import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { isWellFormedMemberCode } from '@shared/rules/member-code';
import type { RouteResponse } from '@shared/routes';
import { translate } from '../../../i18n';
import { errorMessage, staffApi } from '../../../services/api';
import { publicAppUrl } from '../../../services/runtime';
import { staffSession } from '../../../services/session';
import { cleanMemberCodeInput } from '../../../utils/format';
import { buildJoinUrl, pages } from '../../../utils/links';

type JoinCode = RouteResponse<'registerJoinCode'>;
type Identified = RouteResponse<'identifyMember'>;

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

  return { input, setInput, busy, result, error, identify, scan };
}
