import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ErrorCode } from '../../../shared/errors';
import { maskPhone } from '../../../shared/rules/phone';
import type { AppConfig } from '../../commons/config';
import { blindIndex, decryptField, encryptField, randomDigits } from '../../commons/crypto';
import { ddb, isConditionFailure } from '../../commons/dynamodb';
import { forbidden, msg, tooManyRequests, unauthenticated } from '../../commons/errors';
import { keys, TTL_ATTRIBUTE } from '../../commons/keys';
import { nowMs } from '../../commons/clock';
import { SHOPPER_TOKEN_SECONDS, signToken, type ShopperClaims } from '../../commons/tokens';
import { wechatClient, wechatError } from './wechat';
import { sendDevOtp } from '../../adapters/dev-sms';
import { findMemberByIdentity, phoneBlindIndex } from './members';

/** Shopper sign-in: WeChat (code2Session) in the mini-program; phone + one-time code in dev mode. */

async function shopperSession(config: AppConfig, claims: ShopperClaims) {
  const found = await findMemberByIdentity(config, claims);
  const memberId = found.wechatMemberId ?? found.phoneMemberId ?? null;
  const session = await signToken(config.keys.token, { ...claims, sub: memberId ?? undefined }, SHOPPER_TOKEN_SECONDS, nowMs());
  return {
    ...session,
    memberId,
    phoneMasked: claims.ph ? maskPhone(decryptField(config.keys.field, claims.ph)) : null,
    devMode: config.devSignIn,
  };
}

export async function signInWithWechat(config: AppConfig, code: string) {
  const session = await wechatClient(config).code2Session(code).catch(wechatError);
  return shopperSession(config, { typ: 'shopper', oid: session.openid, uid: session.unionid, app: config.wechat!.appId });
}

// ---- dev sign-in: phone + one-time code, the code printed in the server log ---------------------------
const OTP_TTL_SECONDS = 300;
const OTP_RESEND_SECONDS = 60;
const OTP_MAX_ATTEMPTS = 5;

function assertDevSignIn(config: AppConfig) {
  if (!config.devSignIn) throw forbidden(msg('本服务器未开启开发登录', 'Dev sign-in is switched off on this server'), ErrorCode.DEV_SIGN_IN_DISABLED);
}

const otpHash = (config: AppConfig, phoneHash: string, code: string) => blindIndex(config.keys.blindIndex, `otp:${phoneHash}`, code);

export async function sendOtp(config: AppConfig, phone: string) {
  assertDevSignIn(config);
  const phoneHash = phoneBlindIndex(config, phone);
  const code = randomDigits(6);
  const now = nowMs();
  try {
    // One live code per phone; a new one only after a minute.
    await ddb().send(
      new PutCommand({
        TableName: config.tableName,
        Item: { ...keys.otp(phoneHash), type: 'otp', codeHash: otpHash(config, phoneHash, code), sentAt: now, expiresAt: now + OTP_TTL_SECONDS * 1000, attempts: 0, [TTL_ATTRIBUTE]: Math.ceil(now / 1000) + OTP_TTL_SECONDS },
        ConditionExpression: 'attribute_not_exists(PK) OR sentAt < :resend OR expiresAt < :now',
        ExpressionAttributeValues: { ':resend': now - OTP_RESEND_SECONDS * 1000, ':now': now },
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) throw tooManyRequests(msg('验证码已发送，请一分钟后再试', 'A code was sent less than a minute ago; try again in a minute'), OTP_RESEND_SECONDS);
    throw err;
  }
  sendDevOtp(phone, code, OTP_TTL_SECONDS);
  return { sent: true as const, expiresInSeconds: OTP_TTL_SECONDS, devMode: true as const };
}

export async function verifyOtp(config: AppConfig, phone: string, code: string) {
  assertDevSignIn(config);
  const phoneHash = phoneBlindIndex(config, phone);
  const now = nowMs();
  try {
    // Deleting the code with a condition on it is what makes it work exactly once.
    await ddb().send(
      new DeleteCommand({
        TableName: config.tableName,
        Key: keys.otp(phoneHash),
        ConditionExpression: 'codeHash = :h AND expiresAt > :now AND attempts < :max',
        ExpressionAttributeValues: { ':h': otpHash(config, phoneHash, code), ':now': now, ':max': OTP_MAX_ATTEMPTS },
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    await ddb()
      .send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: keys.otp(phoneHash),
          UpdateExpression: 'ADD attempts :one',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      )
      .catch((e) => {
        if (!isConditionFailure(e)) throw e;
      });
    throw unauthenticated(msg('验证码错误或已失效', 'The code is wrong or no longer valid'), ErrorCode.OTP_INVALID);
  }
  return shopperSession(config, { typ: 'shopper', ph: encryptField(config.keys.field, phone), phh: phoneHash });
}
