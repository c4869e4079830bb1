import { confirmsDeletion, deletionWord, exportFileName, forfeitLines, newDeletionKey } from './privacy';

describe('the privacy page', () => {
  it('names the export file by member and day', () => {
    expect(exportFileName('100000001', '2026-12-05T03:04:05.000Z')).toBe('member-data-100000001-2026-12-05.json');
    expect(exportFileName('../x', 'junk')).toBe('member-data-x-export.json');
  });

  it('a deletion is confirmed by typing the word, in either language, spaces and case aside', () => {
    expect(deletionWord('zh')).toBe('注销');
    for (const typed of ['注销', ' 注 销 ', 'DELETE', 'delete', ' Delete ']) expect(confirmsDeletion(typed)).toBe(true);
    for (const typed of ['', '注', 'del', '确认', 'DELETE ME']) expect(confirmsDeletion(typed)).toBe(false);
  });

  it('lists only what is forfeited, or says nothing is', () => {
    expect(forfeitLines({ availablePoints: 120, pendingPoints: 0, coupons: 2, debtWrittenOff: 0 })).toEqual([
      { key: 'available', n: 120 },
      { key: 'coupons', n: 2 },
    ]);
    expect(forfeitLines({ availablePoints: 0, pendingPoints: 0, coupons: 0, debtWrittenOff: 0 })).toEqual([{ key: 'nothing', n: 0 }]);
  });

  it('makes idempotency keys the API accepts', () => {
    const key = newDeletionKey(1_765_000_000_000, () => 0.5);
    expect(key).toMatch(/^[A-Za-z0-9_.:-]{4,80}$/);
    expect(newDeletionKey()).not.toBe(newDeletionKey());
  });
});
