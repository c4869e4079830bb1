import { useEffect, useState } from 'react';
import type { RouteResponse } from '../../../../shared/routes';
import { useLoad } from '../../components/useLoad';
import { api } from '../../shell/api';
import type { CreatePackBody } from './model';

export type CouponPack = RouteResponse<'couponPacks'>['items'][number];
export type TemplateOption = RouteResponse<'couponTemplates'>['items'][number];

export const usePacks = (nonce: number) => useLoad(`packs:${nonce}`, () => api.call('couponPacks'));
export const createPack = (body: CreatePackBody) => api.call('createCouponPack', { body });

/** Every live template, all pages (a pack may hold a draft: it is granted only once every template in it is active). */
export function useLiveTemplates(enabled: boolean) {
  const [items, setItems] = useState<TemplateOption[] | undefined>();
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    (async () => {
      const all: TemplateOption[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 25; page++) {
        const r = await api.call('couponTemplates', { query: { state: 'live', ...(cursor ? { cursor } : {}) } });
        all.push(...r.items);
        if (!r.cursor) break;
        cursor = r.cursor;
      }
      return all;
    })().then(
      (all) => live && setItems(all),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [enabled]);
  return items;
}
