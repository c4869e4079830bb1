import { route, member, pub, shopper, staff } from '../../route-def';
import { devOtpRequest, devOtpResponse, devVerifyRequest, identifyResponse, joinRequest, joinResponse, memberCardSchema, memberCodeRequest, memberCodeResponse, mergeListResponse, revealPhoneResponse, sceneInfoResponse, shopperSessionResponse, staffMemberViewSchema, wechatSignInRequest } from './schemas';
import { memberIdParams, sceneParams } from '../../schemas';

/** Members and identity: sign-in, joining, the card and its rotating code, identifying at the register, the merge queue. */
export const membersRoutes = {
  sceneInfo: route({ method: 'GET', path: '/join/scenes/{scene}', group: 'public', auth: pub, summary: 'Resolve a scan-to-join scene to its store and register', params: sceneParams, response: sceneInfoResponse, errors: [404] }),
  wechatSignIn: route({ method: 'POST', path: '/auth/wechat', group: 'public', auth: pub, summary: 'Sign in with a wx.login code (code2Session)', body: wechatSignInRequest, response: shopperSessionResponse, errors: [503] }),
  devSendOtp: route({ method: 'POST', path: '/auth/dev/otp', group: 'public', auth: pub, summary: 'Dev sign-in: send a one-time code (printed in the server log)', body: devOtpRequest, response: devOtpResponse, errors: [403, 429] }),
  devVerifyOtp: route({ method: 'POST', path: '/auth/dev/verify', group: 'public', auth: pub, summary: 'Dev sign-in: exchange phone + one-time code for a session', body: devVerifyRequest, response: shopperSessionResponse, errors: [401, 403] }),
  join: route({ method: 'POST', path: '/members/join', group: 'shopper', auth: shopper, summary: 'Join (会员注册) with consent; idempotent per openid and phone', body: joinRequest, response: joinResponse, errors: [404, 409, 503] }),
  myCard: route({ method: 'GET', path: '/me', group: 'shopper', auth: member, summary: 'The member card', response: memberCardSchema, errors: [404] }),
  myCode: route({ method: 'GET', path: '/me/code', group: 'shopper', auth: member, summary: 'The current rotating member code', response: memberCodeResponse }),
  identifyMember: route({ method: 'POST', path: '/pos/identify', group: 'pos', auth: staff('cashier'), takesMemberCode: true, scope: 'none', summary: 'Identify a member at the register by the member code', body: memberCodeRequest, response: identifyResponse, errors: [404] }),
  getMember: route({ method: 'GET', path: '/staff/members/{memberId}', group: 'staff', auth: staff('ops', 'service'), scope: 'none', summary: 'Look up a member (phone masked)', params: memberIdParams, response: staffMemberViewSchema, errors: [404] }),
  revealPhone: route({ method: 'POST', path: '/staff/members/{memberId}/reveal-phone', group: 'staff', auth: staff('ops', 'service', 'admin'), audited: true, scope: 'none', summary: 'Show a member’s full phone number (needs the reveal permission; audit-logged)', params: memberIdParams, response: revealPhoneResponse, errors: [404] }),
  listMergeRequests: route({ method: 'GET', path: '/staff/merges', group: 'staff', auth: staff('service', 'ops'), scope: 'list', summary: 'Open member merge requests (an openid and a phone on two members)', response: mergeListResponse }),
};
