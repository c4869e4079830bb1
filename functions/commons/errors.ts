import { ErrorCode } from '../../shared/errors';

/** An error the client caused or may act on; the HTTP layer turns it into `{error:{code,message,details}}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new HttpError(400, code, message, details);
export const unauthenticated = (message = 'Sign in first', code: string = ErrorCode.UNAUTHENTICATED) => new HttpError(401, code, message);
export const forbidden = (message = 'Your role may not do this') => new HttpError(403, ErrorCode.FORBIDDEN, message);
export const notFound = (message: string, code: string = ErrorCode.NOT_FOUND) => new HttpError(404, code, message);
export const conflict = (message: string, code: string = ErrorCode.CONFLICT, details?: unknown) => new HttpError(409, code, message, details);
export const tooManyRequests = (message: string, retryAfterSeconds?: number) =>
  new HttpError(429, ErrorCode.RATE_LIMITED, message, retryAfterSeconds === undefined ? undefined : { retryAfterSeconds });
