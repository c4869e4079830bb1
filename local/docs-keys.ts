import fs from 'node:fs';
import path from 'node:path';
import { allEntities } from '../functions/entities';
import { renderKeyTable, renderMemberDataTable, withKeyTable, withMemberDataTable } from '../functions/commons/key-table';

/** `npm run docs:keys`: writes the key table and the personal-data table into docs/ARCHITECTURE.md from the entity declarations. */
const file = path.join(__dirname, '..', 'docs', 'ARCHITECTURE.md');
fs.writeFileSync(file, withMemberDataTable(withKeyTable(fs.readFileSync(file, 'utf8'), renderKeyTable(allEntities)), renderMemberDataTable(allEntities)));
console.log(`key table: ${allEntities.length} entities → docs/ARCHITECTURE.md`);
