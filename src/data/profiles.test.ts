import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signOut } from './auth.ts';
import { fetchProfiles } from './profiles.ts';
import { actAs } from './testing.ts';

let me = '';
beforeAll(async () => {
  me = (await actAs('translator')).id;
});
afterAll(() => signOut());

describe('fetchProfiles', () => {
  it('reads the profiles asked for, with a display name always set', async () => {
    const [profile] = await fetchProfiles([me]);
    expect(profile).toMatchObject({ id: me, email: 'translator@example.com' });
    expect(profile!.displayName).not.toBe('');
    expect(await fetchProfiles([])).toEqual([]);
  });
});
