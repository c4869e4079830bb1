import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type { RouteResponse } from '@shared/routes';
import { CN_MOBILE, normalizePhone } from '@shared/rules/phone';
import { translate } from '../../i18n';
import { api, errorMessage } from '../../services/api';
import { shopperSession } from '../../services/session';
import { nextPageAfterSignIn } from '../../utils/links';

type Session = RouteResponse<'wechatSignIn'>;
const RESEND_SECONDS = 60;

/** Sign-in by WeChat (weapp) or by phone and one-time code (H5, dev mode). */
export function useLogin(redirect: string | undefined, onError: (message: string) => void) {
  const [phone, setPhone] = useState('');
  const [otp, setOtp] = useState('');
  const [busy, setBusy] = useState<'wechat' | 'send' | 'verify' | null>(null);
  const [cooldown, setCooldown] = useState(0);
  const [error, setError] = useState<string>();
  const timer = useRef<ReturnType<typeof setInterval>>();

  useEffect(() => () => clearInterval(timer.current), []);

  const fail = (message: string) => {
    setError(message);
    onError(message);
  };

  const finish = (session: Session) => {
    shopperSession.save(session.token, session.memberId);
    Taro.reLaunch({ url: nextPageAfterSignIn(session.memberId, redirect) });
  };

  const startCooldown = (seconds: number) => {
    setCooldown(seconds);
    clearInterval(timer.current);
    timer.current = setInterval(() => {
      setCooldown((s) => {
        if (s <= 1) clearInterval(timer.current);
        return Math.max(0, s - 1);
      });
    }, 1000);
  };

  const normalizedPhone = normalizePhone(phone);

  async function sendOtp() {
    if (busy || cooldown > 0) return;
    if (!CN_MOBILE.test(normalizedPhone)) return fail(translate('login.phoneInvalid'));
    setBusy('send');
    setError(undefined);
    try {
      await api.call('devSendOtp', { body: { phone: normalizedPhone } });
      startCooldown(RESEND_SECONDS);
      return true;
    } catch (err) {
      fail(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  async function verifyOtp() {
    if (busy) return;
    if (!CN_MOBILE.test(normalizedPhone)) return fail(translate('login.phoneInvalid'));
    if (!/^\d{6}$/.test(otp)) return fail(translate('login.otpInvalid'));
    setBusy('verify');
    setError(undefined);
    try {
      finish(await api.call('devVerifyOtp', { body: { phone: normalizedPhone, code: otp } }));
    } catch (err) {
      fail(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  async function wechatSignIn() {
    if (busy) return;
    setBusy('wechat');
    setError(undefined);
    try {
      const { code } = await Taro.login();
      finish(await api.call('wechatSignIn', { body: { code } }));
    } catch (err) {
      fail(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  return { phone, setPhone, otp, setOtp: (v: string) => setOtp(v.replace(/\D/g, '').slice(0, 6)), busy, cooldown, error, sendOtp, verifyOtp, wechatSignIn };
}
