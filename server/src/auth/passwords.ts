import bcrypt from 'bcryptjs';
import { badRequest, WeakPasswordError } from './errors.ts';

/** GoTrue hashes with Go's bcrypt.DefaultCost. */
export const BCRYPT_COST = 10;
/** bcrypt reads only the first 72 bytes, so GoTrue refuses longer passwords. */
export const MAX_PASSWORD_BYTES = 72;

/** A `$2a$10$…` hash as Go's golang.org/x/crypto/bcrypt writes it. */
export async function hashPassword(password: string): Promise<string> {
  // bcryptjs writes the `2b` minor version; for passwords of at most 72 bytes `2a` computes the same hash.
  const salt = (await bcrypt.genSalt(BCRYPT_COST)).replace(/^\$2b\$/, '$2a$');
  return bcrypt.hash(password, salt);
}

/** Checks a password against a stored bcrypt hash (`$2a$`, `$2b$`, `$2y$`, any cost, e.g. from pgcrypto's crypt()). */
export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash || !/^\$2[aby]\$\d\d\$/.test(hash)) return false;
  try {
    return await bcrypt.compare(password, hash.replace(/^\$2y\$/, '$2a$'));
  } catch {
    return false;
  }
}

/**
 * GoTrue's checkPasswordStrength with the Supabase CLI defaults: a length floor and no
 * required character classes. Lengths count UTF-8 bytes, as Go's len() does.
 */
export function checkPasswordStrength(password: string, minLength: number): void {
  const bytes = Buffer.byteLength(password, 'utf8');
  if (bytes > MAX_PASSWORD_BYTES) {
    throw badRequest('validation_failed', `Password cannot be longer than ${MAX_PASSWORD_BYTES} characters`);
  }
  if (bytes < minLength) {
    throw new WeakPasswordError(`Password should be at least ${minLength} characters.`, ['length']);
  }
}
