import fs from 'node:fs';
import path from 'node:path';
import { allEntities } from '../functions/entities';
import { renderKeyTable, withKeyTable } from '../functions/commons/key-table';

/** `npm run docs:keys`: writes the key table into docs/ARCHITECTURE.md from the entity declarations. */
const file = path.join(__dirname, '..', 'docs', 'ARCHITECTURE.md');
fs.writeFileSync(file, withKeyTable(fs.readFileSync(file, 'utf8'), renderKeyTable(allEntities)));
console.log(`key table: ${allEntities.length} entities → docs/ARCHITECTURE.md`);
