import { useCallback, useEffect, useRef, useState } from 'react';
import type { RouteResponse } from '../../../../shared/routes';
import type { ChainSettings } from '../../../../shared/settings';
import { roleMayCall } from '../../shell/access';
import { api, errorMessage } from '../../shell/api';
import { useSession } from '../../shell/session';

export type SettingsDocument = RouteResponse<'getSettings'>;

/** The settings document and the version it was read at (the save sends that version back). */
export function useSettingsDocument() {
  const [doc, setDoc] = useState<SettingsDocument | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const reload = useCallback(async (): Promise<SettingsDocument | null> => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    try {
      const res = await api.call('getSettings');
      if (mine !== seq.current) return null;
      setDoc(res);
      return res;
    } catch (err) {
      if (mine === seq.current) setError(errorMessage(err));
      return null;
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { doc, setDoc, loading, error, reload };
}

export const saveSettings = (settings: ChainSettings, version: number) => api.call('updateSettings', { body: { settings, version } });

export type CouponPackOption = RouteResponse<'couponPacks'>['items'][number];

/** The packs to choose the new-member pack from: undefined while loading, null when this role may not read them (or they failed: the id is typed). */
export function useCouponPacks(): CouponPackOption[] | null | undefined {
  const role = useSession()?.staff.role;
  const allowed = !!role && roleMayCall(role, 'couponPacks');
  const [packs, setPacks] = useState<CouponPackOption[] | null | undefined>(allowed ? undefined : null);
  useEffect(() => {
    if (!allowed) return setPacks(null);
    let live = true;
    api.call('couponPacks').then(
      (r) => live && setPacks(r.items),
      () => live && setPacks(null),
    );
    return () => {
      live = false;
    };
  }, [allowed]);
  return packs;
}
