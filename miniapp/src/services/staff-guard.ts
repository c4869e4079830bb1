import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import type { StaffProfile } from '@shared/features/staff/schemas';
import { pages } from '../utils/links';
import { errorMessage, staffApi } from './api';
import { staffSession } from './session';

/**
 * The staff home's session: each time the page shows, a visitor without a staff session goes to staff login; a
 * signed-in one sees the stored profile at once, then the server's (a role or scope may have changed since sign-in).
 */
export function useStaffProfile() {
  const [profile, setProfile] = useState<StaffProfile | null>(() => staffSession.profile());
  const [error, setError] = useState<string>();

  useDidShow(() => {
    if (!staffSession.token()) {
      Taro.redirectTo({ url: pages.staffLogin });
      return;
    }
    staffApi.call('staffMe').then(
      (p) => {
        const token = staffSession.token();
        if (token) staffSession.save(token, p);
        setProfile(p);
        setError(undefined);
      },
      (e) => setError(errorMessage(e)),
    );
  });

  return { profile, error };
}
