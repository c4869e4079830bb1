/** The privacy page's pure helpers: the export's file name, the word that confirms a deletion, what it forfeits. */

/** `member-data-100000001-2026-12-05.json`: the member number and the (UTC) day of the export. */
export function exportFileName(memberId: string, exportedAt: string): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(exportedAt)?.[0] ?? 'export';
  return `member-data-${memberId.replace(/[^0-9A-Za-z]/g, '')}-${day}.json`;
}

/** The word the member types to confirm deleting their membership, in the language they read the page in. */
export const deletionWord = (lang: 'zh' | 'en') => (lang === 'zh' ? '注销' : 'DELETE');

/** Whether what was typed confirms the deletion: the word in either language, spaces and case aside. */
export function confirmsDeletion(typed: string): boolean {
  const t = typed.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  return t === deletionWord('zh') || t === deletionWord('en');
}

export interface Forfeits {
  availablePoints: number;
  pendingPoints: number;
  coupons: number;
  debtWrittenOff: number;
}

/** The lines the confirm screen lists: only what the member actually gives up (nothing: one line saying so). */
export function forfeitLines(f: Forfeits): Array<{ key: 'available' | 'pending' | 'coupons' | 'debt' | 'nothing'; n: number }> {
  const lines = [
    { key: 'available' as const, n: f.availablePoints },
    { key: 'pending' as const, n: f.pendingPoints },
    { key: 'coupons' as const, n: f.coupons },
    { key: 'debt' as const, n: f.debtWrittenOff },
  ].filter((l) => l.n > 0);
  return lines.length ? lines : [{ key: 'nothing', n: 0 }];
}

/** A once-only key for one confirmation: a retry of the same confirmation sends the same key. */
export function newDeletionKey(now = Date.now(), random = Math.random): string {
  return `del-${now.toString(36)}-${Math.floor(random() * 36 ** 6).toString(36)}`;
}
