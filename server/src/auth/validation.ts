import { z } from 'zod';
import type { HttpRequest } from '../http/types.ts';
import { badRequest } from './errors.ts';

// Go's encoding/json leaves a field at its zero value when the JSON holds null, so null means absent.
const str = z.string().nullish();
const obj = z.record(z.string(), z.unknown()).nullish();
const bool = z.boolean().nullish();

export const signupBody = z.object({
  email: str,
  phone: str,
  password: str,
  data: obj,
  channel: str,
  code_challenge: str,
  code_challenge_method: str,
});

export const passwordGrantBody = z.object({ email: str, phone: str, password: str });
export const refreshGrantBody = z.object({ refresh_token: str });
export const pkceGrantBody = z.object({ auth_code: str, code_verifier: str });
export const idTokenGrantBody = z.object({ id_token: str, access_token: str, nonce: str, provider: str, client_id: str, issuer: str });

export const userUpdateBody = z.object({
  email: str,
  password: z.string().nullish(),
  nonce: str,
  data: obj,
  app_metadata: obj,
  phone: str,
  channel: str,
  code_challenge: str,
  code_challenge_method: str,
});

export const adminUserBody = z.object({
  id: str,
  aud: str,
  role: str,
  email: str,
  phone: str,
  password: z.string().nullish(),
  password_hash: str,
  email_confirm: bool,
  phone_confirm: bool,
  user_metadata: obj,
  app_metadata: obj,
  ban_duration: str,
});

export const adminDeleteBody = z.object({ should_soft_delete: bool });

export const inviteBody = z.object({ email: str, data: obj });

export const generateLinkBody = z.object({ type: str, email: str, new_email: str, password: z.string().nullish(), data: obj, redirect_to: str });

export const otpBody = z.object({
  email: str,
  phone: str,
  create_user: bool,
  data: obj,
  channel: str,
  code_challenge: str,
  code_challenge_method: str,
});

export const recoverBody = z.object({ email: str, code_challenge: str, code_challenge_method: str });

export const resendBody = z.object({ type: str, email: str, phone: str });

export const enrollBody = z.object({ factor_type: str, friendly_name: str, issuer: str, phone: str });

export const mfaVerifyBody = z.object({ challenge_id: str, code: str });

export const verifyBody = z.object({ type: str, token: str, token_hash: str, email: str, phone: str, redirect_to: str });

/** The Go struct each body decodes into, named in GoTrue's type-mismatch messages. */
const GO_STRUCT = new Map<z.ZodType, string>([
  [signupBody, 'SignupParams'],
  [passwordGrantBody, 'PasswordGrantParams'],
  [refreshGrantBody, 'RefreshTokenGrantParams'],
  [pkceGrantBody, 'PKCEGrantParams'],
  [userUpdateBody, 'UserUpdateParams'],
  [adminUserBody, 'AdminUserParams'],
  [adminDeleteBody, 'adminUserDeleteParams'],
  [inviteBody, 'InviteParams'],
  [otpBody, 'OtpParams'],
  [recoverBody, 'RecoverParams'],
  [resendBody, 'ResendConfirmationParams'],
  [enrollBody, 'EnrollFactorParams'],
  [mfaVerifyBody, 'VerifyFactorParams'],
  [verifyBody, 'VerifyParams'],
]);

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'object';
  return typeof value;
}

const GO_TYPE: Record<string, string> = { string: 'string', boolean: 'bool', record: 'map[string]interface {}', object: 'map[string]interface {}' };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Nesting deeper than this is refused before it reaches the database's JSON parser. */
export const MAX_JSON_DEPTH = 512;

/**
 * Makes decoded JSON storable: unpaired surrogates become U+FFFD as Go's decoder makes them, and
 * text holding NUL (which Postgres can keep in neither text nor jsonb) is refused with a 400
 * instead of failing in the database. Passwords never reach the database, so they may hold NUL.
 */
function storableJson(value: unknown, depth: number, top = false): unknown {
  if (depth > MAX_JSON_DEPTH) throw badRequest('bad_json', 'Could not parse request body as JSON: exceeded max depth');
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw badRequest('validation_failed', 'Text in the request body cannot contain a NUL (\\u0000) character');
    return value.replace(LONE_SURROGATE, '\ufffd');
  }
  if (Array.isArray(value)) return value.map((v) => storableJson(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    // fromEntries keeps a `__proto__` key as data, as JSON.parse does.
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [storableJson(key, depth), top && key === 'password' && typeof v === 'string' ? v : storableJson(v, depth + 1)]),
    );
  }
  return value;
}

/**
 * Decodes a JSON request body into `schema`, failing as GoTrue's retrieveRequestParams does:
 * 400 `bad_json` "Could not parse request body as JSON: …" for unparseable bodies and for
 * values of the wrong JSON type.
 */
export function parseBody<S extends z.ZodObject>(req: HttpRequest, schema: S): z.infer<S> {
  const text = req.body.toString('utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const reason = text.trim() === '' ? 'unexpected end of JSON input' : (e as Error).message;
    throw badRequest('bad_json', `Could not parse request body as JSON: ${reason}`);
  }
  const struct = GO_STRUCT.get(schema) ?? 'params';
  if (raw === null) raw = {};
  raw = storableJson(raw, 0, true);
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw badRequest('bad_json', `Could not parse request body as JSON: json: cannot unmarshal ${jsonKind(raw)} into Go value of type api.${struct}`);
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.');
  const value = (raw as Record<string, unknown>)[String(issue.path[0])];
  const expected = issue.code === 'invalid_type' ? String(issue.expected) : 'string';
  throw badRequest(
    'bad_json',
    `Could not parse request body as JSON: json: cannot unmarshal ${jsonKind(value)} into Go struct field ${struct}.${field} of type ${GO_TYPE[expected] ?? expected}`,
  );
}

// badoux/checkmail's ValidateFormat pattern, which GoTrue's validateEmail applies.
const EMAIL_FORMAT =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** GoTrue's validateEmail: required, at most 255 characters, checkmail's format; returns it lower-cased. */
export function validateEmail(email: string): string {
  if (email === '') throw badRequest('validation_failed', 'An email address is required');
  if (email.length > 255) throw badRequest('validation_failed', 'An email address is too long');
  if (!EMAIL_FORMAT.test(email)) throw badRequest('validation_failed', 'Unable to validate email address: invalid format');
  return email.toLowerCase();
}

/** GoTrue's formatPhoneNumber: no leading `+`, no spaces. */
export function formatPhone(phone: string): string {
  return phone.replace(/^\+/, '').replaceAll(' ', '');
}

/** GoTrue's validatePhone: E.164 digits after formatting. */
export function validatePhone(phone: string): string {
  const formatted = formatPhone(phone);
  if (!/^[1-9]\d{1,14}$/.test(formatted)) {
    throw badRequest('validation_failed', 'Invalid phone number format (E.164 required)');
  }
  return formatted;
}

/** auth.users keeps `aud` and `role` in varchar(255) columns. */
export function varchar255(value: string, what: string): string {
  if (value.length > 255) throw badRequest('validation_failed', `${what} cannot be longer than 255 characters`);
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';
