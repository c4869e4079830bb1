import { useCallback, useEffect, useRef, useState } from 'react';
import type { RouteResponse } from '../../../../shared/routes';
import { ApiError, api, errorMessage } from '../../shell/api';
import type { MemberQuery } from './search-query';

export type MemberView = RouteResponse<'getMember'>;
export type TimelineEntry = RouteResponse<'memberTimeline'>['items'][number];
export type TimelineKind = TimelineEntry['kind'];

export type SearchState =
  | { status: 'idle' }
  | { status: 'loading'; query: MemberQuery }
  | { status: 'done'; query: MemberQuery; items: MemberView[] }
  | { status: 'error'; query: MemberQuery; message: string };

/** Finding a member; a slower answer to an earlier search never replaces a later one. */
export function useMemberSearch() {
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const seq = useRef(0);
  const search = useCallback(async (query: MemberQuery) => {
    const mine = ++seq.current;
    setState({ status: 'loading', query });
    try {
      const res = await api.call('findMembers', { query });
      if (mine === seq.current) setState({ status: 'done', query, items: res.items });
    } catch (err) {
      if (mine === seq.current) setState({ status: 'error', query, message: errorMessage(err) });
    }
  }, []);
  return { state, search };
}

export type Loaded<T> = { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; message: string; notFound: boolean };

export function useMember(memberId: string | undefined) {
  const [state, setState] = useState<Loaded<MemberView>>({ status: 'loading' });
  const seq = useRef(0);
  const load = useCallback(async () => {
    if (!memberId) return;
    const mine = ++seq.current;
    setState((s) => (s.status === 'ok' ? s : { status: 'loading' }));
    try {
      const data = await api.call('getMember', { params: { memberId } });
      if (mine === seq.current) setState({ status: 'ok', data });
    } catch (err) {
      if (mine === seq.current) setState({ status: 'error', message: errorMessage(err), notFound: err instanceof ApiError && err.status === 404 });
    }
  }, [memberId]);
  useEffect(() => {
    setState({ status: 'loading' });
    void load();
  }, [load]);
  return { state, reload: load };
}

const TIMELINE_PAGE = 20;

/** The member's timeline, newest first, a page at a time ("load more" follows the cursor). */
export function useTimeline(memberId: string | undefined) {
  const [items, setItems] = useState<TimelineEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loadedOnce, setLoadedOnce] = useState(false);
  const seq = useRef(0);

  const fetchPage = useCallback(
    async (from: string | null) => {
      if (!memberId) return;
      const mine = ++seq.current;
      setLoading(true);
      setError(null);
      try {
        const res = await api.call('memberTimeline', { params: { memberId }, query: { limit: TIMELINE_PAGE, ...(from ? { cursor: from } : {}) } });
        if (mine !== seq.current) return;
        setItems((prev) => {
          const base = from ? prev : [];
          const seen = new Set(base.map((e) => e.id));
          return [...base, ...res.items.filter((e) => !seen.has(e.id))];
        });
        setCursor(res.cursor);
        setLoadedOnce(true);
      } catch (err) {
        if (mine === seq.current) setError(errorMessage(err));
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    },
    [memberId],
  );

  useEffect(() => {
    setItems([]);
    setCursor(null);
    setLoadedOnce(false);
    void fetchPage(null);
  }, [fetchPage]);

  return {
    items,
    hasMore: cursor !== null,
    loading,
    error,
    loadedOnce,
    loadMore: () => (cursor ? fetchPage(cursor) : Promise.resolve()),
    reload: () => fetchPage(null),
  };
}

/** The full phone: asked for on purpose, audit-logged by the server. */
export function useRevealPhone(memberId: string | undefined) {
  const [state, setState] = useState<{ status: 'hidden' } | { status: 'loading' } | { status: 'shown'; phone: string | null } | { status: 'error'; message: string }>({ status: 'hidden' });
  useEffect(() => setState({ status: 'hidden' }), [memberId]);
  const reveal = useCallback(async () => {
    if (!memberId) return;
    setState({ status: 'loading' });
    try {
      const res = await api.call('revealPhone', { params: { memberId } });
      setState({ status: 'shown', phone: res.phone });
    } catch (err) {
      setState({ status: 'error', message: errorMessage(err) });
    }
  }, [memberId]);
  return { state, reveal };
}
