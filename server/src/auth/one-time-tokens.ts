/**
 * One-time codes and the token hashes GoTrue stores for them: the code goes out in the email, the
 * hash (sha224 of contact + code) sits in the user's token column and in auth.one_time_tokens, and
 * the link carries the hash.
 */
import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { Queryable } from '../db/types.ts';
import { tooManyRequests } from './errors.ts';

export type OneTimeTokenType =
  | 'confirmation_token'
  | 'recovery_token'
  | 'email_change_token_new'
  | 'email_change_token_current'
  | 'reauthentication_token'
  | 'phone_change_token';

/** The auth.users column each kind of token lives in. */
export const TOKEN_COLUMN: Record<OneTimeTokenType, string> = {
  confirmation_token: 'confirmation_token',
  recovery_token: 'recovery_token',
  email_change_token_new: 'email_change_token_new',
  email_change_token_current: 'email_change_token_current',
  reauthentication_token: 'reauthentication_token',
  phone_change_token: 'phone_change_token',
};

/** The PKCE flow marks the stored hash with this prefix (GoTrue's addFlowPrefixToToken). */
export const PKCE_PREFIX = 'pkce_';

/** A numeric code of `length` digits (GoTrue's crypto.GenerateOtp). */
export function newOtp(length: number): string {
  let otp = '';
  for (let i = 0; i < length; i++) otp += String(randomInt(0, 10));
  return otp;
}

/** GoTrue's crypto.GenerateTokenHash: sha224(contact + code) in hex. */
export function tokenHash(contact: string, otp: string): string {
  return createHash('sha224').update(contact + otp).digest('hex');
}

/** Records a token: the user's column and sent-at stamp, and a row in auth.one_time_tokens (one per kind and user). */
export async function saveToken(
  q: Queryable,
  userId: string,
  type: OneTimeTokenType,
  hash: string,
  relatesTo: string,
  sentAtColumn?: string,
): Promise<void> {
  const sentAt = sentAtColumn ? `, ${sentAtColumn} = now()` : '';
  await q.query(`update auth.users set ${TOKEN_COLUMN[type]} = $2${sentAt}, updated_at = now() where id = $1`, [userId, hash]);
  await q.query('delete from auth.one_time_tokens where user_id = $1 and token_type = $2', [userId, type]);
  await q.query('insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to) values ($1, $2, $3, $4, $5)', [
    randomUUID(),
    userId,
    type,
    hash,
    relatesTo,
  ]);
}

/** Forgets tokens of the given kinds (all kinds when none are named), column and table alike. */
export async function clearTokens(q: Queryable, userId: string, ...types: OneTimeTokenType[]): Promise<void> {
  const kinds = types.length > 0 ? types : (Object.keys(TOKEN_COLUMN) as OneTimeTokenType[]);
  await q.query(`update auth.users set ${kinds.map((t) => `${TOKEN_COLUMN[t]} = ''`).join(', ')}, updated_at = now() where id = $1`, [userId]);
  await q.query('delete from auth.one_time_tokens where user_id = $1 and token_type = any($2::text[])', [userId, kinds]);
}

/**
 * GoTrue's validateSentWithinFrequencyLimit: 429 when a mail of this kind went to the user less
 * than `seconds` ago.
 */
export async function checkSendFrequency(q: Queryable, userId: string, sentAtColumn: string, seconds: number): Promise<void> {
  const { rows } = await q.query<{ left: number | null }>(
    `select ceil(extract(epoch from (${sentAtColumn} + make_interval(secs => $2)) - now()))::int as left from auth.users where id = $1`,
    [userId, seconds],
  );
  const left = rows[0]?.left;
  if (left !== null && left !== undefined && left > 0) {
    throw tooManyRequests('over_email_send_rate_limit', `For security purposes, you can only request this after ${left} seconds.`);
  }
}
