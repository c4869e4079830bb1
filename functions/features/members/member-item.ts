import type { TierCode } from '../../../shared/settings';

/** A member as stored (the PROFILE item): what joining writes and every member feature reads. */
export interface MemberItem {
  memberId: string;
  status: 'active';
  tier: TierCode;
  appId?: string;
  openid?: string;
  unionid?: string;
  phoneEnc?: string;
  phoneHash?: string;
  consents: { privacyPolicy: { version: string; at: string }; terms: { version: string; at: string } };
  joinedAt: string;
  joinChannel: 'scan' | 'wechat' | 'phone' | 'pay';
  joinStoreId: string | null;
  joinRegisterId: string | null;
  joinStoreName: string | null;
  pointsAvailable: number;
  pointsPending: number;
  storedValueFen: number;
  usableCoupons: number;
  mergePending?: boolean;
}
