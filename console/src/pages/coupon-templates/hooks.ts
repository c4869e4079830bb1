import { useEffect, useRef, useState } from 'react';
import type { RouteResponse } from '../../../../shared/routes';
import { CursorPages } from '../../tables/cursor-pages';
import { api, errorMessage } from '../../shell/api';
import type { CouponTemplateView, CreateTemplateBody } from './model';

export type TemplateState = 'live' | 'ended';
export type StatusAction = 'activate' | 'pause' | 'resume' | 'end';
export type StoreOption = RouteResponse<'listStores'>['items'][number];

/** The API pages templates 20 at a time. */
export const TEMPLATE_PAGE_SIZE = 20;

export interface TemplatePage {
  rows: CouponTemplateView[];
  page: number;
  total: number;
  loading: boolean;
  error?: string;
}

/**
 * Live (draft, active, paused) or ended templates, a page at a time: the API pages by cursor, CursorPages keeps
 * the cursor of each page seen so the table's numbered pages work; switching the tab starts over.
 */
export function useTemplatePages(state: TemplateState, page: number, nonce: number): TemplatePage {
  const pages = useRef(new CursorPages());
  const [data, setData] = useState<TemplatePage>({ rows: [], page: 1, total: 0, loading: true });
  useEffect(() => {
    let live = true;
    const { cursor, page: served } = pages.current.cursorFor(page, { state });
    setData((s) => ({ ...s, loading: true, error: undefined }));
    api.call('couponTemplates', { query: { state, ...(cursor ? { cursor } : {}) } }).then(
      (r) => {
        if (!live) return;
        pages.current.record(served, r.cursor);
        setData({ rows: r.items, page: served, total: pages.current.total(served, TEMPLATE_PAGE_SIZE, r.items.length), loading: false });
      },
      (err: unknown) => live && setData((s) => ({ ...s, rows: [], loading: false, error: errorMessage(err) })),
    );
    return () => {
      live = false;
    };
  }, [state, page, nonce]);
  return data;
}

export const getTemplate = (templateId: string) => api.call('couponTemplate', { params: { templateId } });
export const changeStatus = (templateId: string, action: StatusAction, reason: string) =>
  api.call('changeCouponTemplateStatus', { params: { templateId }, body: { action, ...(reason.trim() ? { reason: reason.trim() } : {}) } });
export const createTemplate = (body: CreateTemplateBody) => api.call('createCouponTemplate', { body });

/** The stores a template may name (a store list that fails to load leaves the field to typed ids). */
export function useStores(enabled: boolean) {
  const [stores, setStores] = useState<StoreOption[] | undefined>();
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    api.call('listStores').then(
      (r) => live && setStores(r.items),
      () => live && setStores([]),
    );
    return () => {
      live = false;
    };
  }, [enabled]);
  return stores;
}
