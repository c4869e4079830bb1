import type { StaffScope } from '../../../shared/roles';
import { storeIdsInScope } from './stores';

/**
 * Which stores a staff report answers for ('list' scope, BUSINESS-RULES 8.2): the chain's every store, or the
 * stores of the caller's region or store; `?storeId` narrows it to that store, and a store outside the caller's
 * scope gives an empty report (as every list does: it shows only what lies within scope), not a 403.
 */
export type ReportStores = { all: true } | { all: false; storeIds: ReadonlySet<string> };

export async function reportStores(tableName: string, scope: StaffScope, storeId?: string): Promise<ReportStores> {
  const inScope = await storeIdsInScope(tableName, scope);
  if (storeId !== undefined) return { all: false, storeIds: new Set(inScope === 'all' || inScope.has(storeId) ? [storeId] : []) };
  return inScope === 'all' ? { all: true } : { all: false, storeIds: inScope };
}

export const reportCovers = (stores: ReportStores, storeId: string) => stores.all || stores.storeIds.has(storeId);

/**
 * Up to this many stores, a report reads each store's part of a day's partition (`begins_with(SK, '<store>#')`);
 * above it (a large region) one read of the whole day costs fewer requests than a read per store.
 */
export const PER_STORE_READS_UP_TO = 16;

/** The sort-key prefixes to read in a day partition keyed `<storeId>#…`: undefined = the whole partition. */
export function storePrefixes(stores: ReportStores): Array<string | undefined> {
  if (stores.all || stores.storeIds.size > PER_STORE_READS_UP_TO) return [undefined];
  return [...stores.storeIds].sort().map((id) => `${id}#`);
}
