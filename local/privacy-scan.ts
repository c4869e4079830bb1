/**
 * `npm run privacy:scan -- <memberId> [--phone 13800000000] [--name 小明] [--openid <appId>:<openid>] [--unionid …]`:
 * the offline privacy audit over the local database (the running stack's, or `.data/`) after a membership was
 * deleted. Prints every item that still holds the member's phone, name or WeChat ids (plaintext, ciphertext or
 * blind index) and exits 1 if there is any (functions/audits/privacy-scan.ts).
 */
import { openLocalDatabase, runCommand } from './database';

function argsOf(argv: string[]) {
  const out: { memberId?: string; phone?: string; name?: string; openids: string[]; unionids: string[] } = { openids: [], unionids: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i] ?? '';
    if (a === '--phone') out.phone = next();
    else if (a === '--name') out.name = next();
    else if (a === '--openid') out.openids.push(next());
    else if (a === '--unionid') out.unionids.push(next());
    else if (!a.startsWith('--')) out.memberId = a;
  }
  return out;
}

async function main(): Promise<number> {
  const args = argsOf(process.argv.slice(2));
  if (!args.memberId || !/^\d{9}$/.test(args.memberId)) {
    console.error('usage: npm run privacy:scan -- <memberId> [--phone …] [--name …] [--openid <appId>:<openid>] [--unionid …]');
    return 2;
  }
  const db = await openLocalDatabase('privacy:scan');
  try {
    const { getConfig } = await import('../functions/commons/config');
    const { privacyScan } = await import('../functions/audits/privacy-scan');
    const { itemsRead, releasedRecords, findings } = await privacyScan(db.tableName, await getConfig(), { ...args, memberId: args.memberId });
    for (const f of findings) console.log(`FOUND ${f.key}: ${f.problem}`);
    console.log(`[privacy:scan] ${itemsRead} items read, ${releasedRecords} released-identity record(s): ${findings.length ? `${findings.length} finding(s)` : 'nothing personal left'}`);
    return findings.length ? 1 : 0;
  } finally {
    await db.close();
  }
}

runCommand(main);
