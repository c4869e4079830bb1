import type { RouteResponse } from '@shared/routes';
import { api } from './api';

export type PointsRules = RouteResponse<'pointsRules'>;

/** The chain's points and tier rules (public): fetched once per launch and shared by the rules, points and cashier pages. */
let cached: PointsRules | undefined;
let inflight: Promise<PointsRules> | undefined;

export function loadPointsRules(force = false): Promise<PointsRules> {
  if (cached && !force) return Promise.resolve(cached);
  inflight ??= api
    .call('pointsRules')
    .then((rules) => (cached = rules))
    .finally(() => {
      inflight = undefined;
    });
  return inflight;
}

export const cachedPointsRules = (): PointsRules | undefined => cached;
