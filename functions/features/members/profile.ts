import type * as z from 'zod';
import { ErrorCode } from '../../../shared/errors';
import type { memberProfilePatch, memberProfileSchema, staffProfileCorrection } from '../../../shared/features/members/schemas';
import type { AppConfig } from '../../commons/config';
import { decryptField, encryptField } from '../../commons/crypto';
import { cancellationReasons, transactWrite, type TransactItem } from '../../commons/dynamodb';
import { conflict, msg, notFound } from '../../commons/errors';
import type { MemberPrincipal, StaffPrincipal } from '../../commons/http';
import { keys } from '../../commons/keys';
import { nameBlindIndex } from './name-index';
import { actorOf, auditPut } from '../../commons/audit';
import { nowIso } from '../../commons/clock';
import { assertMayChangeMember } from '../points/points';
import { getMember, type MemberItem } from './members';

/**
 * The member's profile (issue 9 §1): nickname, gender, birthday, region.
 *
 * Personal fields are encrypted at rest as the phone is (`nicknameEnc`, `birthdayEnc`: AES-256-GCM). Two
 * plaintext derivatives, each for one job that must not decrypt:
 *   - `nameHash`: the nickname's blind index (keyed HMAC of its normalised form), mirrored by one `NAME#<hash>`
 *     item per member, so staff find members by exact name with one Query (names are not unique);
 *   - `birthMonth` (1–12): the birthday double is by the sale's Shanghai month (BUSINESS-RULES 3.4), and the sale
 *     reads the member item in its first read; the month alone is kept, not the day or the year.
 * The member sets the birthday once (the write is conditioned on no birthday yet, so two devices can't both set
 * it); staff correct it through an audited route.
 */
type Profile = z.infer<typeof memberProfileSchema>;
type Patch = z.output<typeof memberProfilePatch>;

const memberNotFound = () => notFound(msg('未找到该会员', 'Member not found'));
const birthdayLocked = () =>
  conflict(
    msg('生日已设置，不能自行修改；如需更正请联系客服', 'Your birthday is already set and can’t be changed here; contact customer service to correct it'),
    ErrorCode.BIRTHDAY_LOCKED,
  );


const monthOf = (birthday: string) => Number(birthday.slice(5, 7));

export function profileOf(config: AppConfig, m: MemberItem): Profile {
  return {
    memberId: m.memberId,
    nickname: m.nicknameEnc ? decryptField(config.keys.field, m.nicknameEnc) : null,
    gender: m.gender ?? null,
    birthday: m.birthdayEnc ? decryptField(config.keys.field, m.birthdayEnc) : null,
    region: m.region ?? null,
    birthdayEditable: !m.birthdayEnc,
  };
}

export async function getProfile(config: AppConfig, principal: MemberPrincipal): Promise<Profile> {
  const m = await getMember(config.tableName, principal.memberId);
  if (!m) throw memberNotFound();
  return profileOf(config, m);
}

interface Change {
  set: Record<string, unknown>;
  remove: string[];
  /** Conditions on the member item (beyond its existence), each with its values. */
  conditions: string[];
  values: Record<string, unknown>;
  items: TransactItem[];
}

/** The member item's update and the name index items for a change of nickname. */
function nicknameChange(config: AppConfig, m: MemberItem, nickname: string | null, c: Change) {
  const t = config.tableName;
  const hash = nickname === null ? null : nameBlindIndex(config, nickname);
  if (nickname === null) {
    c.remove.push('nicknameEnc', 'nameHash');
  } else {
    c.set.nicknameEnc = encryptField(config.keys.field, nickname);
    c.set.nameHash = hash;
  }
  if (hash === (m.nameHash ?? null)) return;
  // The index follows the name the member item had when read: guarded by it.
  if (m.nameHash) {
    c.conditions.push('nameHash = :oldName');
    c.values[':oldName'] = m.nameHash;
    c.items.push({ Delete: { TableName: t, Key: keys.nameIndex(m.nameHash, m.memberId) } });
  } else c.conditions.push('attribute_not_exists(nameHash)');
  if (hash) c.items.push({ Put: { TableName: t, Item: { ...keys.nameIndex(hash, m.memberId), type: 'name-index', memberId: m.memberId, linkedAt: nowIso() } } });
}

async function commit(config: AppConfig, memberId: string, c: Change) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ...c.values };
  const sets = Object.entries(c.set).map(([k, v]) => {
    names[`#${k}`] = k;
    values[`:${k}`] = v;
    return `#${k} = :${k}`;
  });
  const removes = c.remove.map((k) => {
    names[`#${k}`] = k;
    return `#${k}`;
  });
  const expr = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].filter(Boolean).join(' ');
  if (!expr) return;
  // Only an active member's profile changes: a deletion landing since the read fails this, and the change is read again (then 404).
  names['#status'] = 'status';
  values[':active'] = 'active';
  await transactWrite([
    {
      Update: {
        TableName: config.tableName,
        Key: keys.member(memberId),
        UpdateExpression: expr,
        ConditionExpression: ['#status = :active', ...c.conditions].join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    ...c.items,
  ]);
}

const newChange = (): Change => ({ set: {}, remove: [], conditions: [], values: {}, items: [] });
const stale = (err: unknown) => cancellationReasons(err)?.[0] === 'ConditionalCheckFailed';

/** The member's own change. A birthday already set may be sent again unchanged; another one is 409. */
export async function updateProfile(config: AppConfig, principal: MemberPrincipal, patch: Patch): Promise<Profile> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const m = await getMember(config.tableName, principal.memberId);
    if (!m) throw memberNotFound();
    const c = newChange();
    if (patch.birthday !== undefined) {
      const current = m.birthdayEnc ? decryptField(config.keys.field, m.birthdayEnc) : null;
      if (current !== null && current !== patch.birthday) throw birthdayLocked();
      if (current === null) {
        Object.assign(c.set, { birthdayEnc: encryptField(config.keys.field, patch.birthday), birthMonth: monthOf(patch.birthday), birthdaySetBy: 'member' });
        c.conditions.push('attribute_not_exists(birthdayEnc)');
      }
    }
    if (patch.nickname !== undefined) nicknameChange(config, m, patch.nickname, c);
    for (const f of ['gender', 'region'] as const) {
      const v = patch[f];
      if (v === undefined) continue;
      if (v === null) c.remove.push(f);
      else c.set[f] = v;
    }
    try {
      await commit(config, m.memberId, c);
    } catch (err) {
      if (stale(err)) continue; // changed meanwhile (another device): read again, decide again
      throw err;
    }
    const after = await getMember(config.tableName, m.memberId);
    return profileOf(config, after ?? m);
  }
  throw conflict(msg('资料同时被修改，请重试', 'The profile was changed at the same time; please try again'));
}

/**
 * Customer service corrects a birthday: ops and service whose scope covers the member's home store (as
 * adjustments), with an audit entry in the same transaction. The entry keeps the months and the note, not the
 * dates (the audit log is read more widely than the member item).
 */
export async function correctProfile(config: AppConfig, staff: StaffPrincipal, memberId: string, input: z.output<typeof staffProfileCorrection>): Promise<Profile> {
  const t = config.tableName;
  for (let attempt = 0; attempt < 4; attempt++) {
    const m = await getMember(t, memberId);
    if (!m) throw notFound(msg(`会员 ${memberId} 不存在`, `No member ${memberId}`));
    await assertMayChangeMember(t, staff, m);
    const guard = m.birthdayEnc ? { cond: 'birthdayEnc = :was', values: { ':was': m.birthdayEnc } } : { cond: 'attribute_not_exists(birthdayEnc)', values: {} };
    try {
      await transactWrite([
        {
          Update: {
            TableName: t,
            Key: keys.member(memberId),
            UpdateExpression: 'SET birthdayEnc = :enc, birthMonth = :month, birthdaySetBy = :by',
            ConditionExpression: `#status = :active AND ${guard.cond}`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':enc': encryptField(config.keys.field, input.birthday), ':month': monthOf(input.birthday), ':by': `staff:${staff.sub}`, ':active': 'active', ...guard.values },
          },
        },
        auditPut(t, actorOf(staff), 'member.correctBirthday', `member:${memberId}`, { birthMonth: m.birthMonth ?? null, birthdaySet: !!m.birthdayEnc }, { birthMonth: monthOf(input.birthday), note: input.note }),
      ]);
    } catch (err) {
      if (stale(err)) continue;
      throw err;
    }
    const after = await getMember(t, memberId);
    return profileOf(config, after ?? m);
  }
  throw conflict(msg('资料同时被修改，请重试', 'The profile was changed at the same time; please try again'));
}

