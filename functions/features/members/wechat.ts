import { ErrorCode } from '../../../shared/errors';
import type { AppConfig } from '../../commons/config';
import { badRequest, HttpError, msg } from '../../commons/errors';
import { createWechatClient, WechatApiError, type WechatClient } from '../../adapters/wechat';

let cached: { key: string; client: WechatClient } | undefined;

/** One WeChat client per container, so its access-token cache serves every request. */
export function wechatClient(config: AppConfig): WechatClient {
  if (!config.wechat) throw badRequest(ErrorCode.WECHAT_UNAVAILABLE, msg('本服务器未接入微信登录，请使用开发登录', 'WeChat is not connected on this server; use the dev sign-in'));
  const key = `${config.wechat.baseUrl}|${config.wechat.appId}`;
  if (cached?.key !== key) cached = { key, client: createWechatClient(config.wechat) };
  return cached.client;
}

/** WeChat's refusals become 400s the shopper can act on; WeChat being busy or unreachable is a 503. */
export function wechatError(err: unknown): never {
  if (err instanceof WechatApiError) {
    // WeChat's own errmsg is English and technical: it goes in details, the message says what to do.
    const details = { errcode: err.errcode, errmsg: err.errmsg };
    if (err.retryable) throw new HttpError(503, ErrorCode.WECHAT_BUSY, msg('微信服务繁忙，请稍后再试', 'WeChat is busy; please try again shortly'), details);
    throw badRequest(ErrorCode.WECHAT_REJECTED, msg('微信未接受此次登录，请重新进入后再试', 'WeChat did not accept this sign-in; reopen the page and try again'), details);
  }
  throw err;
}
