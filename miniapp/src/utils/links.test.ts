import { buildJoinUrl, decodeRepeatedly, nextPageAfterSignIn, pageNotFoundFallback, pages, queryParamOf, safeRedirect, sceneFromParams, withQuery } from './links';

describe('withQuery', () => {
  it('encodes values and skips empty ones', () => {
    expect(withQuery(pages.login, { redirect: '/pages/join/index?scene=AB12', x: undefined, y: '' })).toBe(
      '/pages/login/index?redirect=%2Fpages%2Fjoin%2Findex%3Fscene%3DAB12',
    );
    expect(withQuery('/p?a=1', { b: '2' })).toBe('/p?a=1&b=2');
    expect(withQuery('/p', {})).toBe('/p');
  });
});

describe('sceneFromParams', () => {
  it('reads and decodes scene (WeChat passes it URL-encoded)', () => {
    expect(sceneFromParams({ scene: 'S7K2M9QX' })).toBe('S7K2M9QX');
    expect(sceneFromParams({ scene: encodeURIComponent(encodeURIComponent('AB12')) })).toBe('AB12');
  });
  it('reads scene from an ordinary-link QR (q = the whole link, encoded)', () => {
    const link = 'https://m.example.com/#/pages/join/index?scene=S7K2M9QX';
    expect(sceneFromParams({ q: encodeURIComponent(link), scancode_time: '1700000000' })).toBe('S7K2M9QX');
  });
  it('is undefined without a scene', () => {
    expect(sceneFromParams({})).toBeUndefined();
    expect(sceneFromParams({ scene: '  ' })).toBeUndefined();
    expect(sceneFromParams({ q: encodeURIComponent('https://m.example.com/#/pages/card/index') })).toBeUndefined();
  });
});

describe('queryParamOf', () => {
  it('finds a parameter inside a hash route', () => {
    expect(queryParamOf('http://h/#/pages/join/index?scene=X1&y=2', 'y')).toBe('2');
    expect(queryParamOf('http://h/#/pages/join/index', 'scene')).toBeUndefined();
  });
});

describe('buildJoinUrl', () => {
  it('appends the page path as a hash route', () => {
    expect(buildJoinUrl('http://127.0.0.1:5173/', 'pages/join/index?scene=AB12')).toBe(
      'http://127.0.0.1:5173/#/pages/join/index?scene=AB12',
    );
    expect(buildJoinUrl('https://m.example.com/index.html#/pages/staff/cashier/index', '/pages/join/index?scene=AB12')).toBe(
      'https://m.example.com/index.html#/pages/join/index?scene=AB12',
    );
  });
});

describe('safeRedirect', () => {
  it('accepts our pages and rejects anything else', () => {
    expect(safeRedirect(encodeURIComponent('/pages/join/index?scene=AB12'))).toBe('/pages/join/index?scene=AB12');
    expect(safeRedirect('https://evil.example/')).toBeUndefined();
    expect(safeRedirect('//evil.example/pages/x')).toBeUndefined();
    expect(safeRedirect(undefined)).toBeUndefined();
  });
});

describe('decodeRepeatedly', () => {
  it('leaves malformed escapes alone', () => {
    expect(decodeRepeatedly('100%')).toBe('100%');
  });
});

describe('nextPageAfterSignIn', () => {
  const join = '/pages/join/index?scene=AB12';
  it('sends a shopper who has not joined to join, keeping the scene', () => {
    expect(nextPageAfterSignIn(null, join)).toBe(join);
    expect(nextPageAfterSignIn(null, undefined)).toBe(pages.join);
    expect(nextPageAfterSignIn(null, pages.card)).toBe(pages.join);
  });
  it('sends a member to the card, or back where they were', () => {
    expect(nextPageAfterSignIn('100000001', undefined)).toBe(pages.card);
    expect(nextPageAfterSignIn('100000001', pages.privacy)).toBe(pages.privacy);
    expect(nextPageAfterSignIn('100000001', pages.profile)).toBe(pages.profile);
  });
  it('sends a member who opened a store’s join link back to it, to be told they are already a member', () => {
    expect(nextPageAfterSignIn('100000001', join)).toBe(join);
    // The bare join page (no store's link) has nothing to tell a member: the card.
    expect(nextPageAfterSignIn('100000001', pages.join)).toBe(pages.card);
  });
});

describe('pageNotFoundFallback', () => {
  it('sends the staff pages that left for the console to the staff home', () => {
    expect(pageNotFoundFallback('/pages/staff/approvals/index')).toBe(pages.staffHome);
    expect(pageNotFoundFallback('pages/staff/member-points/index?memberId=123456789')).toBe(pages.staffHome);
    expect(pageNotFoundFallback('#/pages/staff/liability/index')).toBe(pages.staffHome);
  });
  it('sends anything else to the card', () => {
    expect(pageNotFoundFallback('/pages/coupons/index')).toBe(pages.card);
    expect(pageNotFoundFallback('/')).toBe(pages.card);
    expect(pageNotFoundFallback(undefined)).toBe(pages.card);
  });
});

describe('pages', () => {
  // app.config.ts calls Taro's compile-time global; here it only has to hand the object back.
  (globalThis as unknown as { defineAppConfig: <T>(c: T) => T }).defineAppConfig = (c) => c;
  const config = require('../app.config').default as { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }> };

  it('are exactly the pages app.config.ts registers, main package and subpackages', () => {
    const registered = [...config.pages, ...(config.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))].map((p) => `/${p}`);
    expect([...registered].sort()).toEqual(Object.values(pages).sort());
  });
});
