import type { KeyAttribute, KeyLayout, MemberData } from './entity';

/** The key table docs/ARCHITECTURE.md shows, rendered from the entity declarations (functions/entities.ts). */
export interface EntityRow {
  name: string;
  feature: string;
  layout: KeyLayout;
  patterns: readonly string[];
  memberData?: MemberData;
}

const code = (s: string | undefined) => (s ? `\`${s.replace(/\|/g, '\\|')}\`` : '–');
const indexCell = (l: KeyLayout, pk: KeyAttribute, sk: KeyAttribute) => (l[pk] ? `${code(l[pk])} / ${code(l[sk])}` : '–');

export function renderKeyTable(entities: readonly EntityRow[]): string {
  const rows = entities.map(
    (e) => `| ${e.name} | ${e.feature} | ${code(e.layout.PK)} | ${code(e.layout.SK)} | ${indexCell(e.layout, 'GSI1PK', 'GSI1SK')} | ${indexCell(e.layout, 'GSI2PK', 'GSI2SK')} | ${e.patterns.join('; ').replace(/\|/g, '\\|')} |`,
  );
  return ['| Entity | Feature | PK | SK | GSI1 PK / SK | GSI2 PK / SK (sparse) | Access patterns served |', '|---|---|---|---|---|---|---|', ...rows].join('\n');
}

export const KEY_TABLE_START = '<!-- key-table: generated from functions/entities.ts by `npm run docs:keys`; do not edit by hand -->';
export const KEY_TABLE_END = '<!-- /key-table -->';

/** The document with its key-table region replaced. */
export function withKeyTable(doc: string, table: string): string {
  const start = doc.indexOf(KEY_TABLE_START);
  const end = doc.indexOf(KEY_TABLE_END);
  if (start < 0 || end < start) throw new Error('docs/ARCHITECTURE.md has no key-table region');
  return `${doc.slice(0, start + KEY_TABLE_START.length)}\n\n${table}\n\n${doc.slice(end)}`;
}

/** A layout as a pattern: its literal text exactly, anything where it says `<what>`. */
export const layoutPattern = (layout: string) => new RegExp(`^${layout.split(/<[^>]+>/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`);

/** What each kind of item holds about a member, how the export carries it and what deletion does (docs/ARCHITECTURE.md, "Personal data"). */
export function renderMemberDataTable(entities: readonly EntityRow[]): string {
  const rows = entities
    .filter((e) => e.memberData && e.memberData !== 'none')
    .map((e) => {
      const d = e.memberData as Exclude<MemberData, 'none'>;
      return `| ${e.name} | ${d.export ? `\`${d.export}\`` : 'not exported'} | ${d.onDeletion} | ${d.why.replace(/\|/g, '\\|')} |`;
    });
  const none = entities.filter((e) => e.memberData === 'none').map((e) => e.name);
  return [
    '| Entity | Export section | On deletion | Why |',
    '|---|---|---|---|',
    ...rows,
    '',
    `Nothing about any one member: ${none.join(', ')}.`,
  ].join('\n');
}

export const MEMBER_DATA_TABLE_START = '<!-- member-data-table: generated from functions/entities.ts by `npm run docs:keys`; do not edit by hand -->';
export const MEMBER_DATA_TABLE_END = '<!-- /member-data-table -->';

/** The document with its personal-data region replaced. */
export function withMemberDataTable(doc: string, table: string): string {
  const start = doc.indexOf(MEMBER_DATA_TABLE_START);
  const end = doc.indexOf(MEMBER_DATA_TABLE_END);
  if (start < 0 || end < start) throw new Error('docs/ARCHITECTURE.md has no member-data-table region');
  return `${doc.slice(0, start + MEMBER_DATA_TABLE_START.length)}\n\n${table}\n\n${doc.slice(end)}`;
}
