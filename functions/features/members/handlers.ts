import type { membersRoutes } from '../../../shared/features/members/routes';
import type { FeatureImpls } from '../../commons/http';
import { viewScope } from '../../commons/principals';
import { getSettings } from '../settings/settings';
import { resolveScene } from '../staff/stores';
import { currentMemberCode, findMembersForStaff, getCard, getMemberForStaff, identifyMember, joinMember, listOpenMerges, revealPhone } from './members';
import { rejectMerge } from './merges';
import { correctProfile, getProfile, updateProfile } from './profile';
import { sendOtp, signInWithWechat, verifyOtp } from './sign-in';
import { memberTimeline } from './timeline';
import { joinStatsReport } from './join-report';

type Routes = typeof membersRoutes;

export const publicRoutes: FeatureImpls<Routes, 'public'> = {
  sceneInfo: async ({ config, params }) => {
    const [scene, settings] = await Promise.all([resolveScene(config.tableName, params.scene), getSettings(config.tableName)]);
    return {
      scene: scene.scene,
      store: { storeId: scene.storeId, name: scene.storeName },
      registerId: scene.registerId,
      consent: settings.consent,
      chainName: settings.chainName,
    };
  },
  wechatSignIn: async ({ config, body }) => signInWithWechat(config, body.code),
  devSendOtp: async ({ config, body }) => sendOtp(config, body.phone),
  devVerifyOtp: async ({ config, body }) => verifyOtp(config, body.phone, body.code),
};

/** The shopper's own routes: the member is always the caller's, from the token. */
export const shopperRoutes: FeatureImpls<Routes, 'shopper'> = {
  join: async ({ config, principal, body }) => joinMember(config, principal, body),
  myCard: async ({ config, principal }) => getCard(config, principal),
  myCode: async ({ config, principal }) => currentMemberCode(config, principal),
  myProfile: async ({ config, principal }) => getProfile(config, principal),
  updateMyProfile: async ({ config, principal, body }) => updateProfile(config, principal, body),
};

export const posRoutes: FeatureImpls<Routes, 'pos'> = {
  identifyMember: async ({ config, principal, body }) => identifyMember(config, principal, body.code),
};

export const staffRoutes: FeatureImpls<Routes, 'staff'> = {
  getMember: async ({ config, params }) => getMemberForStaff(config, params.memberId),
  revealPhone: async ({ config, principal, params }) => revealPhone(config, principal, params.memberId),
  listMergeRequests: async ({ config, principal }) => listOpenMerges(config.tableName, viewScope(principal)),
  findMembers: async ({ config, query }) => findMembersForStaff(config, query),
  correctMemberProfile: async ({ config, principal, params, body }) => correctProfile(config, principal, params.memberId, body),
  memberTimeline: async ({ config, params, query }) => memberTimeline(config, params.memberId, query),
  rejectMerge: async ({ config, principal, params, body }) => rejectMerge(config, principal, params.mergeId, body.note),
  joinStats: async ({ config, principal, query }) => joinStatsReport(config, principal, query),
};
