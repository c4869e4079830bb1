import Taro from '@tarojs/taro';
import type { StaffProfile } from '@shared/features/staff/schemas';

/**
 * What the app keeps in Taro storage. The shopper's and the staff member's sessions are separate: a cashier
 * may also be a shopper on the same phone.
 */
const KEYS = {
  shopperToken: 'membership.shopperToken',
  memberId: 'membership.memberId',
  staffToken: 'membership.staffToken',
  staffProfile: 'membership.staffProfile',
  registerId: 'membership.registerId',
} as const;

function read<T>(key: string): T | null {
  try {
    const value = Taro.getStorageSync(key);
    return value === '' || value === undefined ? null : (value as T);
  } catch {
    return null;
  }
}
function write(key: string, value: unknown): void {
  try {
    if (value === null || value === undefined) Taro.removeStorageSync(key);
    else Taro.setStorageSync(key, value);
  } catch {
    // Storage unavailable (private mode): the session lasts until the page closes.
  }
}

export const shopperSession = {
  token: () => read<string>(KEYS.shopperToken),
  /** The member number from sign-in or join; null for a shopper who has not joined. */
  memberId: () => read<string>(KEYS.memberId),
  save(token: string, memberId: string | null) {
    write(KEYS.shopperToken, token);
    write(KEYS.memberId, memberId);
  },
  clear() {
    write(KEYS.shopperToken, null);
    write(KEYS.memberId, null);
  },
};

export const staffSession = {
  token: () => read<string>(KEYS.staffToken),
  profile: () => read<StaffProfile>(KEYS.staffProfile),
  save(token: string, profile: StaffProfile) {
    write(KEYS.staffToken, token);
    write(KEYS.staffProfile, profile);
  },
  clear() {
    write(KEYS.staffToken, null);
    write(KEYS.staffProfile, null);
  },
  /** The register a cashier last signed in at, offered again next time. */
  rememberedRegister: () => read<string>(KEYS.registerId) ?? '',
  rememberRegister: (registerId: string) => write(KEYS.registerId, registerId || null),
};
