import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { badRequest, WeakPasswordError } from './errors.ts';

/** GoTrue hashes with Go's bcrypt.DefaultCost. */
export const BCRYPT_COST = 10;
/** bcrypt reads only the first 72 bytes, so GoTrue refuses longer passwords. */
export const MAX_PASSWORD_BYTES = 72;

let pool: Piscina | undefined;

/**
 * The worker threads that run bcrypt: a cost-10 check takes tens of milliseconds of CPU, which on
 * the event loop would stall every other request during a password-guessing burst. One thread
 * less than the machine has cores (at least one), or DUIZHAO_PASSWORD_THREADS; idle threads do
 * not keep the process alive.
 */
function workers(): Piscina {
  if (!pool) {
    const configured = Number(process.env.DUIZHAO_PASSWORD_THREADS);
    const threads = Number.isInteger(configured) && configured > 0 ? configured : Math.max(1, Math.min(4, availableParallelism() - 1));
    pool = new Piscina({
      filename: new URL('./password-worker.mjs', import.meta.url).href,
      minThreads: 1,
      maxThreads: threads,
      idleTimeout: 60_000,
    });
  }
  return pool;
}

/** How many password tasks the worker threads have finished, and how many threads run now. */
export function passwordWorkerStats(): { threads: number; completed: number } {
  return { threads: pool?.threads.length ?? 0, completed: pool?.completed ?? 0 };
}

/** A `$2a$10$…` hash as Go's golang.org/x/crypto/bcrypt writes it. */
export async function hashPassword(password: string): Promise<string> {
  return (await workers().run({ op: 'hash', password, cost: BCRYPT_COST })) as string;
}

/** Checks a password against a stored bcrypt hash (`$2a$`, `$2b$`, `$2y$`, any cost, e.g. from pgcrypto's crypt()). */
export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash || !/^\$2[aby]\$\d\d\$/.test(hash)) return false;
  try {
    return (await workers().run({ op: 'verify', password, hash: hash.replace(/^\$2y\$/, '$2a$') })) === true;
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
