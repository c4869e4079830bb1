/**
 * `npm run openapi [-- FILE] [--server URL]`: writes the OpenAPI document, the same one the API serves at
 * /openapi.json, to FILE (default docs/openapi.json). The production server URL comes from --server, else
 * API_PUBLIC_URL, else a placeholder. No database or server needed: the document is a function of the route table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildOpenApiDocument } from '../shared/openapi';

const USAGE = 'Usage: npm run openapi -- [FILE] [--server URL]   (default FILE: docs/openapi.json)';

function parseArgs(argv: string[]): { file: string; publicUrl?: string } {
  let file: string | undefined;
  let publicUrl = process.env.API_PUBLIC_URL || undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--server') publicUrl = argv[++i];
    else if (a.startsWith('--server=')) publicUrl = a.slice('--server='.length);
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (!a.startsWith('-') && !file) file = a;
    else {
      console.error(`unexpected argument ${a}\n\n${USAGE}`);
      process.exit(2);
    }
  }
  if (publicUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(publicUrl)) {
    console.error(`--server must be an http(s) URL, got "${publicUrl}"`);
    process.exit(2);
  }
  return { file: path.resolve(file ?? path.join(__dirname, '..', 'docs', 'openapi.json')), publicUrl };
}

const { file, publicUrl } = parseArgs(process.argv.slice(2));
const doc = buildOpenApiDocument({ publicUrl });
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
const operations = Object.values(doc.paths ?? {}).reduce((n, ops) => n + Object.keys(ops as object).length, 0);
console.log(`[openapi] ${operations} operations → ${path.relative(process.cwd(), file) || file}`);
