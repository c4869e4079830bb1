import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../shell/api';

export interface Loaded<T> {
  data: T | undefined;
  loading: boolean;
  /** The server's message (already in the user's language), or ours when it never answered. */
  error: string | undefined;
  reload: () => void;
}

/**
 * Reads from the API whenever `key` changes (null: not now, and nothing shown). The previous data stays while the next loads (the
 * caller shows it as loading), an error clears it, and an answer to an older key never overwrites a newer one.
 */
export function useLoad<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ data?: T; loading: boolean; error?: string }>({ loading: key !== null });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    if (key === null) {
      setState({ loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ data: s.data, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      // A failed answer leaves nothing shown: old rows under a new question would pass for its answer.
      (err: unknown) => live && setState({ data: undefined, loading: false, error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
    // `load` is a fresh closure each render; the key says when it asks something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data: state.data, loading: state.loading, error: state.error, reload };
}

/** `data-testid` for props objects (antd's okButtonProps, onRow) whose types do not list data attributes. */
export const testId = (id: string) => ({ 'data-testid': id }) as Record<never, never>;
