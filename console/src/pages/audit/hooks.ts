import { useEffect, useRef, useState } from 'react';
import type { RouteResponse } from '../../../../shared/routes';
import { CursorPages } from '../../tables/cursor-pages';
import { api, errorMessage } from '../../shell/api';

export type AuditEntry = RouteResponse<'auditLog'>['items'][number];
export interface AuditFilters {
  date?: string;
  actor?: string;
  action?: string;
  target?: string;
}

/** The contract's patterns (shared/features/staff/schemas.ts auditQuery), checked before asking. */
export const ACTOR = /^[a-z0-9._-]{3,32}$/;
export const ACTION = /^[a-zA-Z]+(\.[a-zA-Z+]+){0,3}$/;
export const TARGET = /^[a-z]+(-[a-z]+)*(:[A-Za-z0-9._:/-]{1,80})?$/;
/** Targets of a known kind have a known shape. */
export function targetProblem(target: string): boolean {
  if (!TARGET.test(target) || target.length > 90) return true;
  const [kind, rest] = [target.split(':')[0], target.slice(target.indexOf(':') + 1)];
  if (kind === 'member') return !/^\d{9}$/.test(rest);
  if (kind === 'staff') return !ACTOR.test(rest);
  if (kind === 'store') return !/^[A-Z0-9-]{2,20}$/.test(rest);
  if (kind === 'register') return !/^[A-Z0-9-]{2,20}\/[A-Z0-9-]{2,24}$/.test(rest);
  if (kind === 'settings') return target !== 'settings';
  return false;
}

export interface AuditPage {
  rows: AuditEntry[];
  page: number;
  total: number;
  loading: boolean;
  error?: string;
}

/**
 * The audit log, a page at a time. The API pages by cursor; CursorPages remembers the cursor of each page seen,
 * so the table's numbered pages work (and changing the filters or the page size starts over).
 */
export function useAuditLog(filters: AuditFilters, page: number, pageSize: number, nonce: number): AuditPage {
  const pages = useRef(new CursorPages());
  const [state, setState] = useState<AuditPage>({ rows: [], page: 1, total: 0, loading: true });
  const key = JSON.stringify({ ...filters, limit: pageSize });

  useEffect(() => {
    let live = true;
    const query = { ...filters, limit: pageSize };
    const { cursor, page: served } = pages.current.cursorFor(page, query);
    setState((s) => ({ ...s, loading: true, error: undefined }));
    api.call('auditLog', { query: { ...query, cursor } }).then(
      (r) => {
        if (!live) return;
        pages.current.record(served, r.cursor);
        setState({ rows: r.items, page: served, total: pages.current.total(served, pageSize, r.items.length), loading: false });
      },
      (err: unknown) => live && setState((s) => ({ ...s, loading: false, error: errorMessage(err) })),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, page, nonce]);

  return state;
}
