/**
 * Where staff belong in the mini-program. Only the register is here (cashiers, on a tablet or phone at the till);
 * member service, points adjustments, tier approvals, settings, finance reports and staff accounts are in the staff
 * console (会员运营后台) on a computer. Pure, so the login landing, the staff home and their tests agree.
 */
import type { StaffRole } from '@shared/staff-roles';
import { pages } from './links';

/** Cashiers land at the register; every other role at the staff home, which sends them to the console. */
export function staffLandingPage(role: StaffRole): string {
  return role === 'cashier' ? pages.cashier : pages.staffHome;
}

/** What the staff home offers a role: a cashier the way back to the register, everyone else the console. */
export type StaffHomeOffer = 'register' | 'console';
export function staffHomeOffer(role: StaffRole): StaffHomeOffer {
  return role === 'cashier' ? 'register' : 'console';
}

/**
 * The console's address as the staff home shows it: an http(s) URL from the runtime settings, trimmed; anything else
 * (unset, empty, a typo, another scheme) is no link at all, and the page says to ask an administrator instead.
 */
export function consoleLink(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const url = raw.trim();
  return /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(url) ? url : undefined;
}
