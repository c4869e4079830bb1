import fs from 'node:fs';
import path from 'node:path';
import { allEntities } from '../entities';
import { keys } from './keys';
import { layoutPattern, renderKeyTable, renderMemberDataTable, withKeyTable, withMemberDataTable } from './key-table';
import type { KeyAttribute } from './entity';

/**
 * The key table in docs/ARCHITECTURE.md, the entity declarations and the key builders agree: every declared layout
 * is what its builders make, every builder that makes an item's keys belongs to a declared entity, and the
 * document shows exactly the rendered table.
 */
const attrs: KeyAttribute[] = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK'];

describe('entity declarations', () => {
  it.each(allEntities.map((e) => [e.name, e] as const))('%s: the builders make its layout', (_, e) => {
    const made: Record<string, string> = { ...e.key(...(e.sample.key as never[])), ...(e.indexKeys ? e.indexKeys(...(e.sample.indexKeys as never[])) : {}) };
    for (const a of attrs) {
      if (e.layout[a] === undefined) expect({ a, made: made[a] }).toEqual({ a, made: undefined });
      else expect(made[a]).toMatch(layoutPattern(e.layout[a]!));
    }
  });

  it('every key builder that makes an item key or index key belongs to a declared entity', () => {
    const undeclared: string[] = [];
    for (const [name, builder] of Object.entries(keys)) {
      if (typeof builder !== 'function') continue;
      const made = (builder as (...a: string[]) => unknown)('<a>', '<b>', '<c>', '<d>', '<e>');
      if (typeof made !== 'object' || made === null) continue; // a partition value for a Query
      const key = made as Record<string, string>;
      const owner = allEntities.find((e) => Object.entries(key).every(([a, v]) => e.layout[a as KeyAttribute] !== undefined && layoutPattern(e.layout[a as KeyAttribute]!).test(v)));
      if (!owner) undeclared.push(`${name} → ${JSON.stringify(key)}`);
    }
    expect(undeclared).toEqual([]);
  });

  it('names are unique', () => {
    expect(new Set(allEntities.map((e) => e.name)).size).toBe(allEntities.length);
  });

  it('docs/ARCHITECTURE.md shows the generated key table (npm run docs:keys)', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'ARCHITECTURE.md'), 'utf8');
    expect(doc).toBe(withKeyTable(doc, renderKeyTable(allEntities)));
  });

  it('docs/ARCHITECTURE.md shows the generated personal-data table (npm run docs:keys)', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'ARCHITECTURE.md'), 'utf8');
    expect(doc).toBe(withMemberDataTable(doc, renderMemberDataTable(allEntities)));
  });
});
