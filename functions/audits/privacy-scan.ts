import { paginateScan } from '@aws-sdk/lib-dynamodb';
import type { AppConfig } from '../commons/config';
import { blindIndex, decryptField, releasedIdentityHash } from '../commons/crypto';
import { ddb } from '../commons/dynamodb';
import { PERSONAL_ATTRIBUTES } from '../features/members/privacy';
import { nameBlindIndex } from '../features/members/name-index';

/**
 * The offline privacy audit (`npm run privacy:scan`; the privacy integration test runs it after a deletion): like
 * reconcile, an offline scan, allowed to read the whole table. Given a deleted member and what identified them (the
 * phone, the nickname, WeChat ids), it looks through every item, keys included, for:
 *   - any of them in plaintext;
 *   - any field ciphertext (`v1:…`) that decrypts to one of them;
 *   - the phone's and the nickname's blind indexes (the keys and attributes that found them);
 * and checks that the member item kept none of its personal attributes. The released-identity records (their own
 * key, rule 15.4) are what may remain: they are counted, not reported.
 */
export interface PersonalNeedles {
  memberId: string;
  phone?: string;
  name?: string;
  /** `<appId>:<openid>` or a bare openid. */
  openids?: string[];
  unionids?: string[];
  /** Other plaintext the member gave (a birthday): found in plaintext or ciphertext. */
  other?: string[];
}
export interface PrivacyFinding {
  key: string;
  problem: string;
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings([k, v], out);
  return out;
}

export async function privacyScan(tableName: string, config: AppConfig, needles: PersonalNeedles): Promise<{ itemsRead: number; releasedRecords: number; findings: PrivacyFinding[] }> {
  const openidValues = (needles.openids ?? []).map((o) => (o.includes(':') ? o.slice(o.indexOf(':') + 1) : o));
  const plaintext = [
    ...(needles.phone ? [{ what: 'the phone', value: needles.phone }] : []),
    ...(needles.name ? [{ what: 'the nickname', value: needles.name }] : []),
    ...openidValues.map((value) => ({ what: 'an openid', value })),
    ...(needles.unionids ?? []).map((value) => ({ what: 'a unionid', value })),
    ...(needles.other ?? []).map((value) => ({ what: 'a personal value', value })),
  ].filter((n) => n.value.length >= 4);
  const indexes = [
    ...(needles.phone ? [{ what: 'the phone’s blind index', value: blindIndex(config.keys.blindIndex, 'phone', needles.phone) }] : []),
    ...(needles.name ? [{ what: 'the nickname’s blind index', value: nameBlindIndex(config, needles.name) }] : []),
  ];
  const released = new Set([
    ...(needles.phone ? [releasedIdentityHash(config.keys.releasedIdentity, 'phone', needles.phone)] : []),
    ...(needles.openids ?? []).filter((o) => o.includes(':')).map((o) => releasedIdentityHash(config.keys.releasedIdentity, 'openid', o)),
    ...(needles.unionids ?? []).map((u) => releasedIdentityHash(config.keys.releasedIdentity, 'unionid', u)),
  ]);
  const decrypts = new Set(plaintext.map((n) => n.value));
  const findings: PrivacyFinding[] = [];
  let itemsRead = 0;
  let releasedRecords = 0;
  let memberSeen = false;
  for await (const page of paginateScan({ client: ddb() }, { TableName: tableName })) {
    for (const item of page.Items ?? []) {
      itemsRead++;
      const key = `${String(item.PK)} ${String(item.SK)}`;
      if (String(item.PK).startsWith('RELEASED#') && released.has(String(item.PK).slice('RELEASED#'.length))) releasedRecords++;
      for (const s of strings(item)) {
        for (const n of plaintext) if (s.includes(n.value)) findings.push({ key, problem: `${n.what} in plaintext` });
        for (const n of indexes) if (s.includes(n.value)) findings.push({ key, problem: n.what });
        if (s.startsWith('v1:')) {
          let clear: string | undefined;
          try {
            clear = decryptField(config.keys.field, s);
          } catch {
            clear = undefined; // not ours, or not a ciphertext at all
          }
          if (clear !== undefined && decrypts.has(clear)) findings.push({ key, problem: 'a ciphertext of a personal value' });
        }
      }
      if (item.PK === `MEMBER#${needles.memberId}` && item.SK === 'PROFILE') {
        memberSeen = true;
        if (item.status !== 'deleted') findings.push({ key, problem: `the member is ${String(item.status)}, not deleted` });
        const left = PERSONAL_ATTRIBUTES.filter((a) => a in item);
        if (left.length) findings.push({ key, problem: `the member item keeps ${left.join(', ')}` });
      }
      if (String(item.PK).startsWith('IDENT#') && item.memberId === needles.memberId) findings.push({ key, problem: 'an identity still names the member' });
      if (String(item.PK).startsWith('NAME#') && item.memberId === needles.memberId) findings.push({ key, problem: 'a name index item still names the member' });
    }
  }
  // A deleted member's item stays (the head of the kept ledger): none at all means the wrong number, or the wrong table.
  if (!memberSeen) findings.push({ key: `MEMBER#${needles.memberId} PROFILE`, problem: 'no such member in this table' });
  return { itemsRead, releasedRecords, findings };
}
