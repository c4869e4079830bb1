import { useEffect, useState } from 'react';
import type { RouteResponse } from '@shared/routes';
import { api } from './api';

export type PublicInfo = RouteResponse<'publicInfo'>;

/** Chain name, consent versions and sign-in methods: fetched once per app launch, shared by all pages. */
let cached: PublicInfo | undefined;
let inflight: Promise<PublicInfo> | undefined;

export function loadPublicInfo(): Promise<PublicInfo> {
  if (cached) return Promise.resolve(cached);
  inflight ??= api
    .call('publicInfo')
    .then((info) => (cached = info))
    .finally(() => {
      inflight = undefined;
    });
  return inflight;
}

export function usePublicInfo() {
  const [info, setInfo] = useState<PublicInfo | undefined>(cached);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (cached) return;
    let alive = true;
    loadPublicInfo().then(
      (i) => alive && setInfo(i),
      (e) => alive && setError(e),
    );
    return () => {
      alive = false;
    };
  }, []);
  return { info, error };
}
