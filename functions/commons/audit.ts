import { randomUUID } from 'node:crypto';
import { keys } from './keys';
import { businessDay, nowIso } from './clock';
import type { StaffPrincipal } from './http';

/**
 * Audit log entries for staff writes (who, when, what, before/after). `auditPut` returns a Put to include
 * in the same TransactWriteItems as the change itself, so a change is never without its entry.
 */
export interface AuditActor {
  username: string;
  role: string;
}

export function actorOf(principal: StaffPrincipal): AuditActor {
  return { username: principal.sub, role: principal.role };
}

export const SYSTEM_ACTOR: AuditActor = { username: 'system', role: 'admin' };

export function auditPut(tableName: string, actor: AuditActor, action: string, target: string, before: unknown, after: unknown) {
  const at = nowIso();
  const id = randomUUID();
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.audit(businessDay(at), at, id),
        ...keys.auditByActorIndex(actor.username, at),
        type: 'audit',
        at,
        actor: actor.username,
        role: actor.role,
        action,
        target,
        before: before ?? null,
        after: after ?? null,
      },
    },
  };
}
