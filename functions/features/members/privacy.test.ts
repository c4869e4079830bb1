import { allEntities } from '../../entities';
import { dataExportSections } from '../../../shared/features/members/privacy-schemas';
import { exportedEntities } from './privacy';

/**
 * Generated from the entity declarations: every kind of item that holds member data says so (`memberData`), and the
 * export (GET /me/data-export) reads every one that names an export section; one that is not exported says why.
 * A new entity holding member data fails here until the export reads it (or its declaration says why not).
 */
describe('the export covers every entity that holds member data', () => {
  const holding = allEntities.filter((e) => e.memberData !== 'none');

  it.each(allEntities.map((e) => [e.name, e] as const))('%s declares what it holds about a member', (_, e) => {
    if (e.memberData === 'none') return;
    expect(e.memberData.why.length).toBeGreaterThan(5);
    if (e.memberData.export !== null) expect(dataExportSections).toContain(e.memberData.export);
  });

  it.each(holding.filter((e) => e.memberData !== 'none' && e.memberData.export !== null).map((e) => [e.name, e] as const))('%s is read by the export', (_, e) => {
    expect(exportedEntities.map((x) => x.name)).toContain(e.name);
  });

  it('the export reads nothing that holds no member data, and every section has an entity behind it', () => {
    for (const e of exportedEntities) expect([e.name, e.memberData === 'none']).toEqual([e.name, false]);
    const named = new Set(holding.map((e) => (e.memberData === 'none' ? null : e.memberData.export)));
    expect(dataExportSections.filter((s) => !named.has(s))).toEqual([]);
  });

  it('what is kept after a deletion is kept for a reason written down (ledger, sales, audit: finance and the log)', () => {
    const kept = holding.filter((e) => e.memberData !== 'none' && e.memberData.onDeletion === 'kept').map((e) => e.name);
    expect(kept).toEqual(expect.arrayContaining(['Ledger entry', 'Sale', 'Return', 'Audit entry']));
    const personal = ['Identity (openid)', 'Identity (unionid)', 'Identity (phone)', 'Name index', 'Message', 'Pending points', 'Points lot'];
    for (const name of personal) {
      const e = allEntities.find((x) => x.name === name)!;
      expect([name, e.memberData !== 'none' && ['erased', 'released'].includes(e.memberData.onDeletion)]).toEqual([name, true]);
    }
  });
});
