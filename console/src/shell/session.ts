import { useSyncExternalStore } from 'react';
import type { RouteResponse } from '../../../shared/routes';

/** The signed-in staff session, kept in sessionStorage: closing the tab signs out, a reload does not. */
export type StaffSession = RouteResponse<'staffLogin'>;
export type StaffProfile = StaffSession['staff'];
const STORAGE_KEY = 'console.session';

function stored(): StaffSession | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(STORAGE_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as StaffSession;
    return Date.parse(s.expiresAt) > Date.now() ? s : null;
  } catch {
    return null;
  }
}

let current: StaffSession | null = stored();
const listeners = new Set<() => void>();

export const getSession = (): StaffSession | null => current;
export const sessionToken = (): string | null => current?.token ?? null;

export function setSession(session: StaffSession | null): void {
  current = session;
  try {
    if (session) globalThis.sessionStorage?.setItem(STORAGE_KEY, JSON.stringify(session));
    else globalThis.sessionStorage?.removeItem(STORAGE_KEY);
  } catch {
    // Storage unavailable: the session lasts for this page only.
  }
  listeners.forEach((l) => l());
}

export function useSession(): StaffSession | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    getSession,
    getSession,
  );
}
