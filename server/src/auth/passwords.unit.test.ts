import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthHttpError, WeakPasswordError } from './errors.ts';
import { checkPasswordStrength, hashPassword, passwordWorkerStats, verifyPassword } from './passwords.ts';

describe('bcrypt hashes', () => {
  it('writes $2a$10$ hashes that verify', async () => {
    const hash = await hashPassword('correct-horse-1');
    expect(hash).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
    expect(await verifyPassword('correct-horse-1', hash)).toBe(true);
    expect(await verifyPassword('correct-horse-2', hash)).toBe(false);
  });

  it('hashes and checks in worker threads, off the event loop', async () => {
    const before = passwordWorkerStats().completed;
    const hash = await hashPassword('correct-horse-1');
    await Promise.all([verifyPassword('correct-horse-1', hash), verifyPassword('wrong', hash)]);
    const after = passwordWorkerStats();
    expect(after.completed - before).toBe(3);
    expect(after.threads).toBeGreaterThanOrEqual(1);
  });

  it('treats missing or non-bcrypt hashes as a failed check', async () => {
    for (const hash of [null, undefined, '', 'plaintext', '$argon2id$v=19$m=65536,t=3,p=4$abc']) {
      expect(await verifyPassword('x', hash)).toBe(false);
    }
  });

  describe('hashes written by pgcrypto in SQL seeds', () => {
    let pg: PGlite;
    beforeAll(async () => {
      pg = await PGlite.create({ extensions: { pgcrypto } });
      await pg.exec('create extension pgcrypto');
    });
    afterAll(async () => {
      await pg.close();
    });

    it.each([["gen_salt('bf')"], ["gen_salt('bf', 10)"], ["gen_salt('bf', 4)"]])('verify for crypt(pw, %s)', async (salt) => {
      const { rows } = await pg.query<{ h: string }>(`select crypt($1, ${salt}) as h`, ['密码-seed-1']);
      const hash = rows[0]!.h;
      expect(hash).toMatch(/^\$2a\$\d\d\$/);
      expect(await verifyPassword('密码-seed-1', hash)).toBe(true);
      expect(await verifyPassword('密码-seed-2', hash)).toBe(false);
    });

    it('pgcrypto verifies the hashes this server writes', async () => {
      const hash = await hashPassword('correct-horse-1');
      const { rows } = await pg.query<{ ok: boolean }>('select crypt($1, $2) = $2 as ok', ['correct-horse-1', hash]);
      expect(rows[0]!.ok).toBe(true);
    });
  });
});

describe('checkPasswordStrength', () => {
  it('accepts passwords at the minimum length, counting UTF-8 bytes like Go', () => {
    expect(() => checkPasswordStrength('abcdef', 6)).not.toThrow();
    // two CJK characters are six bytes
    expect(() => checkPasswordStrength('密码', 6)).not.toThrow();
  });

  it('throws weak_password with reason "length" below the minimum', () => {
    try {
      checkPasswordStrength('abc', 8);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(WeakPasswordError);
      expect((e as WeakPasswordError).message).toBe('Password should be at least 8 characters.');
      expect((e as WeakPasswordError).reasons).toEqual(['length']);
    }
  });

  it('refuses passwords over bcrypt’s 72 bytes with validation_failed', () => {
    expect(() => checkPasswordStrength('a'.repeat(72), 6)).not.toThrow();
    try {
      checkPasswordStrength('a'.repeat(73), 6);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AuthHttpError);
      expect(e).toMatchObject({ status: 400, code: 'validation_failed', message: 'Password cannot be longer than 72 characters' });
    }
  });
});
