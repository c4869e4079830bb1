import { ErrorCode } from '../../shared/errors';
import { MAX_REQUEST_BODY_BYTES } from '../../shared/http-limits';

/**
 * A message in both languages the API speaks; the HTTP layer answers in the caller's (Accept-Language,
 * zh-CN by default), one language per message. A plain string is used as is in both (only for text that
 * has no language, such as an identifier).
 */
export type Msg = { zh: string; en: string };
export const msg = (zh: string, en: string): Msg => ({ zh, en });
export type Lang = 'zh' | 'en';

/** zh-CN unless the caller prefers English (Accept-Language: "en", "en-US,en;q=0.9", ...). */
export function langOf(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh';
  const ranked = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag, weight: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((x) => x.tag && x.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh';
}

/** An error the client caused or may act on; the HTTP layer turns it into `{error:{code,message,details}}`. */
export class HttpError extends Error {
  readonly text: Msg;
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: Msg | string,
    readonly details?: unknown,
  ) {
    const text = typeof message === 'string' ? { zh: message, en: message } : message;
    super(text.en);
    this.text = text;
    this.name = 'HttpError';
  }
  messageIn(lang: Lang): string {
    return this.text[lang];
  }
}

export const badRequest = (code: ErrorCode, message: Msg | string, details?: unknown) => new HttpError(400, code, message, details);
export const unauthenticated = (message: Msg | string = msg('请先登录', 'Sign in first'), code: ErrorCode = ErrorCode.UNAUTHENTICATED) => new HttpError(401, code, message);
export const forbidden = (message: Msg | string = msg('您的角色无权执行此操作', 'Your role may not do this'), code: ErrorCode = ErrorCode.FORBIDDEN) => new HttpError(403, code, message);
export const notFound = (message: Msg | string, code: ErrorCode = ErrorCode.NOT_FOUND) => new HttpError(404, code, message);
export const conflict = (message: Msg | string, code: ErrorCode = ErrorCode.CONFLICT, details?: unknown) => new HttpError(409, code, message, details);
export const payloadTooLarge = () =>
  new HttpError(413, ErrorCode.PAYLOAD_TOO_LARGE, msg(`请求内容过大（上限 ${MAX_REQUEST_BODY_BYTES / 1024} KB）`, `The request body is larger than ${MAX_REQUEST_BODY_BYTES / 1024} KB`));
export const tooManyRequests = (message: Msg | string, retryAfterSeconds?: number) =>
  new HttpError(429, ErrorCode.RATE_LIMITED, message, retryAfterSeconds === undefined ? undefined : { retryAfterSeconds });
