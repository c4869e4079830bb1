import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../shell/api';

/**
 * A work queue read from the API (merge requests, tier approvals): read on mount and on `reload`; a failed read
 * keeps the rows shown and says why; an answer to an older read never overwrites a newer one (`isCurrent` lets the
 * loader apply its side reads under the same rule). `setItems` lets a page drop or replace a row it just decided.
 */
export function useQueue<T>(load: (isCurrent: () => boolean) => Promise<T[]>) {
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const loader = useRef(load);
  loader.current = load;
  const reload = useCallback(async () => {
    const mine = ++seq.current;
    const isCurrent = () => mine === seq.current;
    setLoading(true);
    setError(null);
    try {
      const rows = await loader.current(isCurrent);
      if (isCurrent()) setItems(rows);
    } catch (err) {
      if (isCurrent()) setError(errorMessage(err));
    } finally {
      if (isCurrent()) setLoading(false);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { items, setItems, loading, error, reload };
}
