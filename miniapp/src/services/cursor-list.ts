import { useCallback, useRef, useState } from 'react';
import { appendPage } from '../utils/paging';
import { errorMessage } from './api';

export interface CursorPage<T> {
  items: T[];
  cursor: string | null;
}

/**
 * A newest-first list read page by page with the API's opaque cursor (points history, messages). `reload` starts
 * over; `loadMore` appends the next page once. Answers to a superseded reload are dropped.
 */
export function useCursorList<T>(fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>, keyOf: (item: T) => string) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string>();
  const generation = useRef(0);
  const busyMore = useRef(false);
  // The latest fetcher and key, so the callbacks below stay stable.
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const keyRef = useRef(keyOf);
  keyRef.current = keyOf;

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    busyMore.current = false;
    setLoadingMore(false);
    setLoading(true);
    try {
      const page = await fetchRef.current(undefined);
      if (mine !== generation.current) return;
      setItems(page.items);
      setCursor(page.cursor);
      setError(undefined);
      setLoaded(true);
    } catch (err) {
      if (mine === generation.current) setError(errorMessage(err));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  const loadMore = useCallback(async () => {
    if (busyMore.current || !cursor) return;
    busyMore.current = true;
    const mine = generation.current;
    setLoadingMore(true);
    try {
      const page = await fetchRef.current(cursor);
      if (mine !== generation.current) return;
      setItems((shown) => appendPage(shown, page.items, keyRef.current));
      setCursor(page.cursor);
      setError(undefined);
    } catch (err) {
      if (mine === generation.current) setError(errorMessage(err));
    } finally {
      if (mine === generation.current) {
        busyMore.current = false;
        setLoadingMore(false);
      }
    }
  }, [cursor]);

  return { items, hasMore: cursor !== null, loaded, loading, loadingMore, error, reload, loadMore };
}
