import type { ApiResponse } from '../http/types.ts';
import { DatabaseUnavailableError, PoolTimeoutError } from '../db/types.ts';

/** GoTrue's error code strings (supabase/auth `internal/api/apierrors/errorcode.go`), the ones this server emits. */
export type ErrorCode =
  | 'unexpected_failure'
  | 'validation_failed'
  | 'bad_json'
  | 'email_exists'
  | 'phone_exists'
  | 'bad_jwt'
  | 'not_admin'
  | 'no_authorization'
  | 'user_not_found'
  | 'session_not_found'
  | 'session_expired'
  | 'refresh_token_not_found'
  | 'refresh_token_already_used'
  | 'signup_disabled'
  | 'user_banned'
  | 'email_not_confirmed'
  | 'phone_not_confirmed'
  | 'user_already_exists'
  | 'same_password'
  | 'weak_password'
  | 'over_request_rate_limit'
  | 'over_email_send_rate_limit'
  | 'invalid_credentials'
  | 'email_provider_disabled'
  | 'phone_provider_disabled'
  | 'otp_expired'
  | 'otp_disabled'
  | 'flow_state_not_found'
  | 'flow_state_expired'
  | 'bad_code_verifier'
  | 'anonymous_provider_disabled'
  | 'email_address_invalid'
  | 'reauthentication_needed'
  | 'reauthentication_not_valid'
  | 'insufficient_aal'
  | 'mfa_factor_not_found'
  | 'mfa_challenge_expired'
  | 'mfa_verification_failed'
  | 'mfa_verification_rejected'
  | 'mfa_ip_address_mismatch'
  | 'mfa_factor_name_conflict'
  | 'too_many_enrolled_mfa_factors'
  | 'mfa_totp_enroll_not_enabled'
  | 'mfa_totp_verify_not_enabled'
  | 'mfa_phone_enroll_not_enabled'
  | 'mfa_phone_verify_not_enabled'
  | 'mfa_web_authn_enroll_not_enabled'
  | 'mfa_web_authn_verify_not_enabled'
  | 'unexpected_audience'
  | 'provider_disabled'
  | 'web3_provider_disabled'
  | 'manual_linking_disabled'
  | 'saml_provider_disabled'
  | 'not_found';

/** GoTrue's HTTPError: an HTTP status, an error code and a message. */
export class AuthHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A password that fails the strength rules; rendered with a `weak_password.reasons` payload. */
export class WeakPasswordError extends Error {
  constructor(
    message: string,
    readonly reasons: string[],
  ) {
    super(message);
  }
}

/** RFC 6749 error body `{error, error_description}`, always 400 (GoTrue's OAuthError). */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
  }
}

export const badRequest = (code: ErrorCode, message: string) => new AuthHttpError(400, code, message);
export const unauthorized = (code: ErrorCode, message: string) => new AuthHttpError(401, code, message);
export const forbidden = (code: ErrorCode, message: string) => new AuthHttpError(403, code, message);
export const notFound = (code: ErrorCode, message: string) => new AuthHttpError(404, code, message);
export const unprocessable = (code: ErrorCode, message: string) => new AuthHttpError(422, code, message);
export const tooManyRequests = (code: ErrorCode, message: string) => new AuthHttpError(429, code, message);
export const internal = (message: string) => new AuthHttpError(500, 'unexpected_failure', message);

export const API_VERSION_HEADER = 'x-supabase-api-version';
const API_VERSION_2024 = '2024-01-01';

/**
 * The API version a request asked for, as GoTrue's DetermineClosestAPIVersion resolves it:
 * a date on or after 2024-01-01 selects the 2024-01-01 shapes; none, an older date or junk
 * selects the initial (legacy) ones.
 */
export function requestedApiVersion(headers: Record<string, string>): '2024-01-01' | 'initial' {
  const raw = headers[API_VERSION_HEADER]?.trim();
  if (!raw || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return 'initial';
  const date = Date.parse(`${raw}T00:00:00Z`);
  if (Number.isNaN(date)) return 'initial';
  return date >= Date.parse(`${API_VERSION_2024}T00:00:00Z`) ? API_VERSION_2024 : 'initial';
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** Renders an error the way GoTrue's HandleResponseError does for the requested API version. */
export function renderError(error: unknown, requestHeaders: Record<string, string>): ApiResponse {
  const version = requestedApiVersion(requestHeaders);
  const headers: Record<string, string> = version === API_VERSION_2024 ? { 'X-Supabase-Api-Version': API_VERSION_2024 } : {};

  if (error instanceof WeakPasswordError) {
    headers['x-sb-error-code'] = 'weak_password';
    const payload = { reasons: error.reasons };
    return version === API_VERSION_2024
      ? jsonResponse(422, { code: 'weak_password', message: error.message, weak_password: payload }, headers)
      : jsonResponse(422, { code: 422, error_code: 'weak_password', msg: error.message, weak_password: payload }, headers);
  }
  if (error instanceof OAuthError) {
    return jsonResponse(400, error.description ? { error: error.error, error_description: error.description } : { error: error.error }, headers);
  }
  if (error instanceof AuthHttpError) {
    headers['x-sb-error-code'] = error.code;
    return version === API_VERSION_2024
      ? jsonResponse(error.status, { code: error.code, message: error.message }, headers)
      : jsonResponse(error.status, { code: error.status, error_code: error.code, msg: error.message }, headers);
  }
  if (error instanceof DatabaseUnavailableError || error instanceof PoolTimeoutError) {
    // The database is unreachable for now; the server reconnects on its own, so the client may retry.
    const status = error instanceof PoolTimeoutError ? 504 : 503;
    const message = error instanceof PoolTimeoutError ? 'Processing this request timed out, please retry after a moment.' : 'Database unavailable, please retry after a moment.';
    headers['x-sb-error-code'] = status === 504 ? 'request_timeout' : 'unexpected_failure';
    return version === API_VERSION_2024
      ? jsonResponse(status, { code: headers['x-sb-error-code'], message }, headers)
      : jsonResponse(status, { code: status, error_code: headers['x-sb-error-code'], msg: message }, headers);
  }
  console.error('[auth] unexpected error', error);
  const message = 'Unexpected failure, please check server logs for more information';
  return version === API_VERSION_2024
    ? jsonResponse(500, { code: 'unexpected_failure', message }, headers)
    : jsonResponse(500, { code: 500, error_code: 'unexpected_failure', msg: message }, headers);
}
