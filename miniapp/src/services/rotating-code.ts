import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { errorMessage } from './api';
import { useOnline } from './network';
import { isH5, isWeapp } from './runtime';
import { codeStatus, localExpiryMs, refreshDelayMs, secondsUntil } from '../utils/code-timing';

/** What a rotating code's route answers (the member code, a coupon's QR). */
export interface RotatingCode {
  code: string;
  step: number;
  expiresAt: string;
  stepSeconds: number;
}

/**
 * A rotating code (the member code on the card, a coupon's QR on its page): fetched when the page shows, fetched
 * again a second before it expires, with a one-second countdown. Timers stop while the page is hidden. On weapp the screen stays on and bright.
 *
 * Offline, nothing is fetched: the countdown goes on, and a code past its expiry is reported as `offline-expired`
 * (drawn dimmed, with a notice) until the network returns, when a fresh one is fetched at once.
 */
export function useRotatingCode<C extends RotatingCode>(fetchCode: () => Promise<C>, active: boolean, opts: { isFinal?: (err: unknown) => boolean } = {}) {
  const [code, setCode] = useState<C>();
  // When the code on screen stops being valid, by this phone's clock (utils/code-timing.ts).
  const [expiryMs, setExpiryMs] = useState<number>();
  const [error, setError] = useState<string>();
  // What the last failed fetch threw, for a caller that tells refusals apart.
  const [failure, setFailure] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const online = useOnline();
  const onlineRef = useRef(online);
  onlineRef.current = online;
  const refreshTimer = useRef<ReturnType<typeof setTimeout>>();
  const tickTimer = useRef<ReturnType<typeof setInterval>>();
  const visible = useRef(true);
  const generation = useRef(0);
  // The latest fetcher and options, so the callbacks below stay stable.
  const fetchRef = useRef(fetchCode);
  fetchRef.current = fetchCode;
  const optsRef = useRef(opts);
  optsRef.current = opts;

  const stop = useCallback(() => {
    clearTimeout(refreshTimer.current);
    clearInterval(tickTimer.current);
    refreshTimer.current = undefined;
    tickTimer.current = undefined;
  }, []);

  const tick = useCallback(() => {
    setNow(Date.now());
    tickTimer.current ??= setInterval(() => setNow(Date.now()), 1000);
  }, []);

  /** `manual`: the shopper tapped refresh, so it is tried even when the phone says it is offline. */
  const refresh = useCallback(
    async (manual = false) => {
      stop();
      const mine = ++generation.current;
      if (!onlineRef.current && !manual) {
        // Nothing to fetch: keep the countdown (and the expired state) current until the network returns.
        setLoading(false);
        tick();
        return;
      }
      setLoading(true);
      try {
        const next = await fetchRef.current();
        if (mine !== generation.current || !visible.current) return;
        const receivedAt = Date.now();
        setCode(next);
        setExpiryMs(localExpiryMs(next.expiresAt, receivedAt, next.stepSeconds));
        setError(undefined);
        setFailure(undefined);
        tick();
        refreshTimer.current = setTimeout(() => refresh(), refreshDelayMs(next.expiresAt, receivedAt, next.stepSeconds));
      } catch (err) {
        if (mine !== generation.current) return;
        setError(errorMessage(err));
        setFailure(err);
        // An answer that will not change by asking again (a coupon used or expired meanwhile): no retry.
        if (optsRef.current.isFinal?.(err)) {
          setCode(undefined);
          return;
        }
        if (!visible.current) return;
        tick();
        // Try again in a while: a flaky network at the till should heal without a tap.
        refreshTimer.current = setTimeout(() => refresh(), 10_000);
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [stop, tick],
  );

  useEffect(() => {
    if (!active) {
      stop();
      return;
    }
    visible.current = true;
    refresh();
    return stop;
  }, [active, refresh, stop]);

  // Back online: a fresh code at once (the one on screen may have expired meanwhile).
  const wasOnline = useRef(online);
  useEffect(() => {
    const cameBack = online && !wasOnline.current;
    wasOnline.current = online;
    if (cameBack && active && visible.current) refresh();
  }, [online, active, refresh]);

  useDidShow(() => {
    visible.current = true;
    if (active) refresh();
  });
  useDidHide(() => {
    visible.current = false;
    generation.current++;
    stop();
  });

  // H5: a tab brought back to the front shows a fresh code at once.
  useEffect(() => {
    if (!isH5 || !active || typeof document === 'undefined') return;
    const onVisibility = () => {
      if (document.visibilityState === 'visible') {
        visible.current = true;
        refresh();
      } else {
        visible.current = false;
        generation.current++;
        stop();
      }
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, [active, refresh, stop]);

  useBrightScreen(active);

  const status = codeStatus({ expiryMs: code ? expiryMs : undefined, nowMs: now, online, loading });
  return {
    code,
    error,
    failure,
    loading,
    status,
    secondsLeft: expiryMs !== undefined ? secondsUntil(expiryMs, now) : 0,
    refresh,
  };
}

/** Weapp only: keep the screen on and bright while the code is shown, as payment codes do. */
function useBrightScreen(active: boolean) {
  const saved = useRef<number>();
  const brighten = () => {
    if (!isWeapp || !active) return;
    Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
    Taro.getScreenBrightness()
      .then(({ value }) => {
        saved.current ??= value;
        return Taro.setScreenBrightness({ value: Math.max(value, 0.9) });
      })
      .catch(() => undefined);
  };
  const restore = () => {
    if (!isWeapp) return;
    Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined);
    if (saved.current !== undefined) {
      Taro.setScreenBrightness({ value: saved.current }).catch(() => undefined);
      saved.current = undefined;
    }
  };
  useEffect(() => {
    brighten();
    return restore;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active]);
  useDidShow(brighten);
  useDidHide(restore);
}
