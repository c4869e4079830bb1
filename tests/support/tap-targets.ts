import type { Page } from 'playwright-core';

export interface TapCheck {
  /** Every clickable thing the check measured on the visible page. */
  seen: string[];
  /** Those smaller than 44 × 44 CSS px whose hit area is not that large either. */
  small: string[];
}

/**
 * Measures every visible clickable element of the page on top: an element with a click handler, a button, a link, an
 * input or a checkbox. One smaller than 44 CSS px in a direction
 * passes if the points 22 px either side of its centre still hit it (a larger hit area drawn by a pseudo-element).
 */
export function measureTapTargets(page: Page): Promise<TapCheck> {
  return page.evaluate(() => {
    const MIN = 44;
    const visiblePages = Array.from(document.querySelectorAll('.taro_page')).filter((p) => p.checkVisibility());
    const root = visiblePages[visiblePages.length - 1] ?? document.body;
    const isClickable = (el: Element) => {
      // Taro's H5 components (taro-view-core, taro-text-core…) keep their listeners in `__events`; plain React elements
      // in their props.
      const events = (el as unknown as { __events?: Record<string, unknown> }).__events;
      if (events && ('click' in events || 'tap' in events)) return true;
      const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'));
      const props = key ? (el as unknown as Record<string, Record<string, unknown>>)[key] : undefined;
      if (props && (typeof props.onClick === 'function' || typeof props.onTap === 'function')) return true;
      return el.matches('a[href], button, input, select, textarea, [role=button], [role=link], [role=checkbox], taro-button-core');
    };
    const clickables = Array.from(root.querySelectorAll('*')).filter(isClickable);
    // A control inside another (a NutUI button's inner parts) is measured as the outer one.
    const outer = clickables.filter((el) => !clickables.some((other) => other !== el && other.contains(el)));
    const seen: string[] = [];
    const small: string[] = [];
    for (const el of outer) {
      if (!el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) continue;
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const name = el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}${Array.from(el.classList).map((c) => `.${c}`).join('')}`;
      seen.push(name);
      const cx = r.left + r.width / 2;
      const cy = r.top + r.height / 2;
      const hits = (x: number, y: number) => {
        const hit = document.elementFromPoint(x, y);
        return Boolean(hit) && (hit === el || el.contains(hit));
      };
      const reach = MIN / 2 - 0.5;
      const tall = r.height >= MIN || (hits(cx, cy - reach) && hits(cx, cy + reach));
      const wide = r.width >= MIN || (hits(cx - reach, cy) && hits(cx + reach, cy));
      if (!tall || !wide) small.push(`${name} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return { seen, small };
  });
}
