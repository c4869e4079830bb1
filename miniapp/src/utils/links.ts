/** Page paths, query strings and the scan-to-join link: pure string work shared by pages and tests. */

export const pages = {
  card: '/pages/card/index',
  login: '/pages/login/index',
  join: '/pages/join/index',
  privacy: '/pages/privacy/index',
  staffLogin: '/pages/staff/login/index',
  staffHome: '/pages/staff/home/index',
  cashier: '/pages/staff/cashier/index',
  points: '/pages/points/index',
  rules: '/pages/rules/index',
  tier: '/pages/tier/index',
  messages: '/pages/messages/index',
  profile: '/pages/profile/index',
  purchases: '/pages/purchases/index',
  receipt: '/pages/purchases/receipt/index',
  coupons: '/pages/coupons/index',
  couponCentre: '/pages/coupons/centre/index',
  couponDetail: '/pages/coupons/detail/index',
} as const;

/** One of my coupons: its rules, stores, validity and QR. */
export const couponDetailPath = (grantId: string) => withQuery(pages.couponDetail, { grantId });

export function withQuery(path: string, query: Record<string, string | undefined | null>): string {
  const qs = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v as string)}`)
    .join('&');
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

/** Decodes until stable: WeChat hands `scene` over URL-encoded, and links may encode it twice. */
export function decodeRepeatedly(value: string, maxRounds = 3): string {
  let current = value;
  for (let i = 0; i < maxRounds; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return current;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

/** The query of a URL, including one inside a hash route ("…/#/pages/join/index?scene=X"). */
export function queryParamOf(url: string, name: string): string | undefined {
  const q = url.lastIndexOf('?');
  if (q < 0) return undefined;
  for (const pair of url.slice(q + 1).split('#')[0].split('&')) {
    const [k, v = ''] = pair.split('=');
    if (decodeRepeatedly(k) === name) return decodeRepeatedly(v.replace(/\+/g, ' '));
  }
  return undefined;
}

/**
 * The join scene from page options. A mini-program code passes `scene` (URL-encoded); WeChat's "scan an
 * ordinary link to open the mini-program" passes the whole link as `q`; H5 passes `scene` in the hash query.
 */
export function sceneFromParams(params: Record<string, string | undefined>): string | undefined {
  const scene = params.scene ? decodeRepeatedly(params.scene).trim() : '';
  if (scene) return scene;
  if (params.q) {
    const fromLink = queryParamOf(decodeRepeatedly(params.q), 'scene');
    if (fromLink) return fromLink.trim();
  }
  return undefined;
}

/**
 * The scan-to-join link: the H5 app with a hash route to the join page. `appUrl` is the H5 app's address
 * (origin + path, e.g. "https://m.example.com/" or "http://127.0.0.1:5173/index.html").
 */
export function buildJoinUrl(appUrl: string, path: string): string {
  const base = appUrl.split('#')[0];
  return `${base}#/${path.replace(/^\/+/, '')}`;
}

/** Only our own pages are accepted as a post-login redirect. */
export function safeRedirect(redirect: string | undefined): string | undefined {
  if (!redirect) return undefined;
  const decoded = decodeRepeatedly(redirect);
  return /^\/pages\/[\w/-]+(\?.*)?$/.test(decoded) ? decoded : undefined;
}

/**
 * Where to go after signing in: join for a shopper who has not joined (keeping a join link's scene). A member who
 * came from a join link goes back to it, where they are told they are already a member (with the way to the card);
 * a member who came from nowhere in particular goes to the card.
 */
export function nextPageAfterSignIn(memberId: string | null, redirect: string | undefined): string {
  const toJoin = redirect !== undefined && redirect.startsWith(pages.join);
  if (!memberId) return toJoin ? redirect : pages.join;
  if (toJoin) return redirect.includes('?') ? redirect : pages.card;
  return redirect || pages.card;
}

/**
 * Where a link to a page that is not in the app goes instead (an old bookmark, a page kept in WeChat's recent list):
 * a staff page that left for the console (approvals, member points, liability) → the staff home, which says where
 * management is now; anything else → the member card.
 */
export function pageNotFoundFallback(path: string | undefined): string {
  const clean = `/${(path ?? '').split('?')[0].replace(/^[#/]+/, '')}`;
  return clean.startsWith('/pages/staff/') ? pages.staffHome : pages.card;
}
