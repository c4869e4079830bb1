import { useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import type { StaffProfile } from '@shared/features/staff/schemas';
import { pages, withQuery } from '../utils/links';
import { staffPageAccess, type StaffTool } from '../utils/staff-access';
import { ApiError } from './api';
import { staffSession } from './session';

export type StaffGuardState = 'checking' | 'ok' | 'forbidden';

/**
 * Staff tool pages (approvals, member points, liability): each time the page shows, a visitor without a staff
 * session goes to staff login (and comes back after it), a role that may not use the tool gets `forbidden` (the page
 * says so kindly), and a role that may calls `load`. A 403 from the API later also turns the page to `forbidden`.
 */
export function useStaffTool(tool: StaffTool, here: string, load: (profile: StaffProfile) => void) {
  const [state, setState] = useState<StaffGuardState>('checking');
  const [profile, setProfile] = useState<StaffProfile | null>(() => staffSession.profile());
  const loadRef = useRef(load);
  loadRef.current = load;

  useDidShow(() => {
    const p = staffSession.profile();
    setProfile(p);
    const access = staffPageAccess(Boolean(staffSession.token() && p), p?.role, tool);
    if (access === 'login') {
      Taro.redirectTo({ url: withQuery(pages.staffLogin, { redirect: here }) });
      return;
    }
    setState(access);
    if (access === 'ok' && p) loadRef.current(p);
  });

  /** For a hook's catch: true (and the page turns to the kind message) when the API said 403. */
  function forbiddenBy(err: unknown): boolean {
    if (err instanceof ApiError && err.status === 403) {
      setState('forbidden');
      return true;
    }
    return false;
  }

  return { state, profile, forbiddenBy };
}
