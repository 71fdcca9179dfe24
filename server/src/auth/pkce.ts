/**
 * The PKCE flow as GoTrue runs it for email: a request that carries a code challenge stores a flow
 * state; following the emailed link (whose token carries the `pkce_` prefix) hands the app an auth
 * code instead of tokens; POST /token?grant_type=pkce trades the code and its verifier for a session.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db/types.ts';
import { badRequest, notFound, unprocessable } from './errors.ts';

/** GoTrue's FlowStateExpiryDuration default. */
export const FLOW_STATE_EXPIRY_SECONDS = 300;

/** The authentication method a flow records (GoTrue's models.AuthenticationMethod strings). */
const METHOD_OF: Record<string, string> = {
  signup: 'email/signup',
  invite: 'invite',
  magiclink: 'magiclink',
  recovery: 'recovery',
  email_change: 'email_change',
};

export function authenticationMethod(verificationType: string): string {
  return METHOD_OF[verificationType] ?? verificationType;
}

export interface PkceParams {
  codeChallenge: string;
  codeChallengeMethod: string;
}

/** GoTrue's validatePKCEParams: both or neither, a challenge of 43 to 128 characters, S256 or plain. */
export function pkceParams(challenge: string | null | undefined, method: string | null | undefined): PkceParams | undefined {
  const codeChallenge = challenge ?? '';
  const codeChallengeMethod = (method ?? '').toLowerCase();
  if ((codeChallenge === '') !== (codeChallengeMethod === '')) {
    throw badRequest('validation_failed', 'PKCE flow requires code_challenge_method and code_challenge');
  }
  if (codeChallenge === '') return undefined;
  if (codeChallenge.length < 43 || codeChallenge.length > 128) {
    throw badRequest('validation_failed', 'code challenge has to be between 43 and 128 characters');
  }
  if (codeChallengeMethod !== 's256' && codeChallengeMethod !== 'plain') {
    throw badRequest('validation_failed', 'unsupported code challenge method');
  }
  return { codeChallenge, codeChallengeMethod };
}

/** GoTrue's generateFlowState for an email flow of `userId`. */
export async function createFlowState(q: Queryable, userId: string, verificationType: string, pkce: PkceParams): Promise<void> {
  const method = authenticationMethod(verificationType);
  await q.query(
    `insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type, authentication_method, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, now(), now())`,
    [randomUUID(), userId, randomUUID(), pkce.codeChallengeMethod, pkce.codeChallenge, method, method],
  );
}

/** GoTrue's issueAuthCode: the newest flow of this kind for the user, stamped with the time its code went out. */
export async function issueAuthCode(q: Queryable, userId: string, verificationType: string): Promise<string> {
  const { rows } = await q.query<{ id: string; auth_code: string }>(
    `select id, auth_code from auth.flow_state where user_id = $1 and authentication_method = $2 order by created_at desc limit 1`,
    [userId, authenticationMethod(verificationType)],
  );
  const flow = rows[0];
  if (!flow) throw unprocessable('flow_state_not_found', 'No valid flow state found for user.');
  await q.query('update auth.flow_state set auth_code_issued_at = now(), updated_at = now() where id = $1', [flow.id]);
  return flow.auth_code;
}

export interface RedeemedFlow {
  userId: string;
  method: string;
}

function matchesChallenge(method: string, challenge: string, verifier: string): boolean {
  const expected = method === 's256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  const a = Buffer.from(challenge);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GoTrue's PKCE grant checks: the flow exists and has a user, is younger than five minutes, and the
 * verifier hashes to its challenge. The flow is deleted once used.
 */
export async function redeemAuthCode(q: Queryable, authCode: string, verifier: string): Promise<RedeemedFlow> {
  if (authCode === '' || verifier === '') {
    throw badRequest('validation_failed', 'invalid request: both auth code and code verifier should be non-empty');
  }
  const { rows } = await q.query<{ id: string; user_id: string | null; method: string; challenge_method: string; challenge: string; expired: boolean }>(
    `select id, user_id::text, authentication_method as method, code_challenge_method as challenge_method, code_challenge as challenge,
            coalesce(auth_code_issued_at, created_at) + make_interval(secs => $2) < now() as expired
       from auth.flow_state where auth_code = $1 for update`,
    [authCode, FLOW_STATE_EXPIRY_SECONDS],
  );
  const flow = rows[0];
  if (!flow || !flow.user_id) throw notFound('flow_state_not_found', 'invalid flow state, no valid flow state found');
  if (flow.expired) throw unprocessable('flow_state_expired', 'invalid flow state, flow state has expired');
  if (!matchesChallenge(flow.challenge_method, flow.challenge, verifier)) {
    throw badRequest('bad_code_verifier', 'code challenge does not match previously saved code verifier');
  }
  await q.query('delete from auth.flow_state where id = $1', [flow.id]);
  return { userId: flow.user_id, method: flow.method };
}
