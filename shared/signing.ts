/**
 * How registers and platforms sign their requests (verified in functions/commons/signatures.ts). Pure, so any
 * client can build the canonical query the same way.
 */
export const SIGNING_RULE =
  'x-signature = hex HMAC-SHA256(key, "<x-timestamp>\\n<METHOD>\\n<path>\\n<canonical query>\\n<body>"); x-timestamp in epoch seconds, within 5 minutes of the server clock; ' +
  'canonical query = every parameter percent-decoded ("+" is a space), then encoded as RFC 3986 (only A-Z a-z 0-9 - _ . ~ left as they are), sorted by name then value, joined as name=value with "&" (empty when there is no query); body = the raw request body (empty for none).';

const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
const decodePart = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));

/**
 * The query as signed: decoded, re-encoded one way, sorted, so that two encodings of one query sign alike.
 * Throws URIError on a malformed %-escape.
 */
export function canonicalQuery(rawQueryString: string): string {
  if (!rawQueryString) return '';
  const pairs = rawQueryString
    .split('&')
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      const [k, v] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
      return [rfc3986(decodePart(k)), rfc3986(decodePart(v))] as const;
    });
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}
