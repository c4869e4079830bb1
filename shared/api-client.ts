import type { ApiErrorBody } from './errors';
import { routeManifest } from './route-manifest';
import { fillPath } from './route-paths';
import type { RouteId, RouteInput, RouteResponse } from './routes';

/**
 * The typed API client, derived from the route table. The transport is injected so the same client runs
 * on Taro.request (mini-program and H5), on fetch (tests, benchmarks) and anywhere else. Its types come from
 * routes.ts; at run time it reads only the zod-free manifest (method and path), so the mini-program carries no schemas.
 */
export interface HttpTransportRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}
export interface HttpTransportResponse {
  status: number;
  body: unknown;
}
export type HttpTransport = (req: HttpTransportRequest) => Promise<HttpTransportResponse>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClientOptions {
  baseUrl: string | (() => string);
  transport: HttpTransport;
  token?: () => string | null | undefined;
  locale?: () => string;
}

type Args<K extends RouteId> = { [P in keyof RouteInput<K> as RouteInput<K>[P] extends undefined ? never : P]: RouteInput<K>[P] };

export function createApiClient(options: ApiClientOptions) {
  async function call<K extends RouteId>(id: K, ...rest: keyof Args<K> extends never ? [] : [Args<K>]): Promise<RouteResponse<K>> {
    const route = routeManifest[id];
    const args = (rest[0] ?? {}) as { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };
    const base = typeof options.baseUrl === 'function' ? options.baseUrl() : options.baseUrl;
    let url = base.replace(/\/$/, '') + fillPath(route.path, args.params);
    if (args.query) {
      const qs = Object.entries(args.query)
        .filter(([, v]) => v !== undefined && v !== null)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
        .join('&');
      if (qs) url += `?${qs}`;
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = options.token?.();
    if (token) headers.authorization = `Bearer ${token}`;
    const locale = options.locale?.();
    if (locale) headers['accept-language'] = locale;
    let body: string | undefined;
    if (args.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(args.body);
    }
    const res = await options.transport({ method: route.method, url, headers, body });
    if (res.status >= 400) {
      const err = (res.body as ApiErrorBody | undefined)?.error;
      throw new ApiError(res.status, err?.code ?? 'HTTP_' + res.status, err?.message ?? `HTTP ${res.status}`, err?.details);
    }
    return res.body as RouteResponse<K>;
  }
  return { call };
}
export type ApiClient = ReturnType<typeof createApiClient>;

/** A transport over the standard fetch API. */
export const fetchTransport: HttpTransport = async (req) => {
  const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body });
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, body };
};
