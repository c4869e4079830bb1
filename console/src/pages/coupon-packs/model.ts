import type { RouteInput } from '../../../../shared/routes';

/** A pack as the form holds it and as it is sent: several templates granted together, all or nothing. */
export const MAX_TEMPLATES = 10;
export const MAX_COUPONS = 20;
export const PACK_ID = /^[A-Za-z0-9_-]{1,40}$/;

export interface PackFormValues {
  packId: string;
  nameZh: string;
  nameEn?: string;
  items: Array<{ templateId?: string; count?: string }>;
}
export type CreatePackBody = RouteInput<'createCouponPack'>['body'];

/** What is wrong with the pack's lines as a whole, if anything (each count is checked by its own field). */
export function itemsProblem(items: PackFormValues['items']): 'none' | 'tooManyTemplates' | 'duplicate' | 'tooManyCoupons' | null {
  const filled = items.filter((i) => i?.templateId);
  if (filled.length === 0) return 'none';
  if (filled.length > MAX_TEMPLATES) return 'tooManyTemplates';
  if (new Set(filled.map((i) => i.templateId)).size !== filled.length) return 'duplicate';
  const total = filled.reduce((n, i) => n + (/^\d+$/.test((i.count ?? '').trim()) ? Number(i.count) : 0), 0);
  if (total > MAX_COUPONS) return 'tooManyCoupons';
  return null;
}

export function packRequestOf(v: PackFormValues): CreatePackBody {
  const zh = v.nameZh.trim();
  return {
    packId: v.packId.trim(),
    name: { zh, en: (v.nameEn ?? '').trim() || zh },
    items: v.items.filter((i) => i.templateId).map((i) => {
      const count = (i.count ?? '').trim();
      if (!/^\d+$/.test(count)) throw new Error(`not a count: ${count}`);
      return { templateId: i.templateId!, count: Number(count) };
    }),
  };
}

/** ["body","items","2","count"] → ["items",2,"count"]; the list's own refusals → ["items"]. */
export function packFieldOf(path: string[]): Array<string | number> | null {
  if (path[0] !== 'body') return null;
  const [head, a, b] = path.slice(1);
  if (head === 'packId') return ['packId'];
  if (head === 'name') return [a === 'en' ? 'nameEn' : 'nameZh'];
  if (head === 'items' && a !== undefined && /^\d+$/.test(a) && (b === 'count' || b === 'templateId')) return ['items', Number(a), b];
  return null;
}
