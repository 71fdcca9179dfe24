import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/types.ts';
import { NIL_UUID } from './validation.ts';

/** GoTrue's audit actions and the log_type each belongs to (models/audit_log_entry.go). */
const LOG_TYPES = {
  login: 'account',
  logout: 'account',
  user_signedup: 'team',
  user_invited: 'team',
  user_recovery_requested: 'user',
  user_reauthenticate_requested: 'user',
  user_confirmation_requested: 'user',
  user_repeated_signup: 'user',
  user_modified: 'user',
  user_updated_password: 'user',
  user_deleted: 'team',
  factor_in_progress: 'factor',
  challenge_created: 'factor',
  verification_attempted: 'factor',
  factor_unenrolled: 'factor',
  token_refreshed: 'token',
  token_revoked: 'token',
} as const;

export type AuditAction = keyof typeof LOG_TYPES;

export interface AuditActor {
  id: string;
  email?: string | null;
  phone?: string | null;
  isSsoUser?: boolean;
  fullName?: unknown;
}

/** Appends a row to auth.audit_log_entries with GoTrue's payload shape. */
export async function audit(q: Queryable, actor: AuditActor, action: AuditAction, ip: string, traits?: Record<string, unknown>): Promise<void> {
  const payload: Record<string, unknown> = {
    actor_id: actor.id,
    actor_via_sso: actor.isSsoUser ?? false,
    action,
    log_type: LOG_TYPES[action],
  };
  if (actor.fullName !== undefined && actor.fullName !== null) payload.actor_name = actor.fullName;
  if (actor.email) payload.actor_username = actor.email;
  else if (actor.phone) payload.actor_username = actor.phone;
  if (traits) payload.traits = traits;
  await q.query(
    'insert into auth.audit_log_entries (instance_id, id, payload, created_at, ip_address) values ($1, $2, $3::json, now(), $4)',
    [NIL_UUID, randomUUID(), JSON.stringify(payload), ip.slice(0, 64)],
  );
}
