/**
 * The largest request body the API accepts. API Gateway would take 10 MB and Lambda 6 MB, and answer beyond that
 * in their own format; our requests are a few KB (a 200-line sale is ~40 KB), so the handlers and the local
 * server refuse anything above this with 413 and the API's error shape.
 */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;
