import { ErrorCode } from '../../shared/errors';
import type { AppConfig } from '../commons/config';
import { badRequest, HttpError } from '../commons/errors';
import { createWechatClient, WechatApiError, type WechatClient } from '../adapters/wechat';

let cached: { key: string; client: WechatClient } | undefined;

/** One WeChat client per container, so its access-token cache serves every request. */
export function wechatClient(config: AppConfig): WechatClient {
  if (!config.wechat) throw badRequest(ErrorCode.WECHAT_UNAVAILABLE, 'WeChat is not connected on this server; use the dev sign-in');
  const key = `${config.wechat.baseUrl}|${config.wechat.appId}`;
  if (cached?.key !== key) cached = { key, client: createWechatClient(config.wechat) };
  return cached.client;
}

/** WeChat's refusals become 400s the shopper can act on; WeChat being busy or unreachable is a 503. */
export function wechatError(err: unknown): never {
  if (err instanceof WechatApiError) {
    throw new HttpError(err.retryable ? 503 : 400, ErrorCode.WECHAT_REJECTED, `WeChat refused: ${err.errmsg} (${err.errcode})`);
  }
  throw err;
}
