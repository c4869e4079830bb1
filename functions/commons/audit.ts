import { randomUUID } from 'node:crypto';
import type { StaffScope } from '../../shared/roles';
import { keys } from './keys';
import { businessDay, nowIso } from './clock';
import type { StaffPrincipal } from './principals';

/**
 * Audit log entries for staff writes (who, when, what, before/after). `auditPut` returns a Put to include
 * in the same TransactWriteItems as the change itself, so a change is never without its entry.
 *
 * Each entry carries its actor's scope (level, region, store), so reading the log for a scoped viewer is a
 * filter on the entry itself, with no read of the actor's account.
 */
export interface AuditActor {
  username: string;
  role: string;
  scope: StaffScope;
  /** The region the actor works in: its region, or its store's region; null for the chain. */
  region: string | null;
}

export function actorOf(principal: StaffPrincipal): AuditActor {
  return { username: principal.sub, role: principal.role, scope: principal.scope, region: principal.region };
}

export const SYSTEM_ACTOR: AuditActor = { username: 'system', role: 'admin', scope: { level: 'chain' }, region: null };

/** The attributes a scoped reader filters on. */
export function actorScopeAttributes(actor: AuditActor) {
  return {
    actorLevel: actor.scope.level,
    ...(actor.region ? { actorRegion: actor.region } : {}),
    ...(actor.scope.level === 'store' ? { actorStoreId: actor.scope.storeId } : {}),
  };
}

export function auditPut(tableName: string, actor: AuditActor, action: string, target: string, before: unknown, after: unknown) {
  const at = nowIso();
  const id = randomUUID();
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.audit(businessDay(at), at, id),
        ...keys.auditByActorIndex(actor.username, at),
        ...keys.auditByTargetIndex(target, at),
        type: 'audit',
        at,
        actor: actor.username,
        role: actor.role,
        ...actorScopeAttributes(actor),
        action,
        target,
        before: before ?? null,
        after: after ?? null,
      },
    },
  };
}
