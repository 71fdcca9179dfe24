import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signOut } from './auth.ts';
import { fetchMembers } from './members.ts';
import { actAs, DEMO_PROJECT_ID } from './testing.ts';

beforeAll(() => actAs('owner'));
afterAll(() => signOut());

describe('fetchMembers', () => {
  it('lists the project\'s members with their roles and names, sorted by name', async () => {
    const members = await fetchMembers(DEMO_PROJECT_ID);
    const roles = Object.fromEntries(members.map((m) => [m.email, m.role]));
    expect(roles).toMatchObject({
      'owner@example.com': 'owner',
      'translator@example.com': 'translator',
      'researcher@example.com': 'researcher',
      'reviewer@example.com': 'reviewer',
    });
    const names = members.map((m) => m.displayName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    for (const m of members) expect(m.displayName).not.toBe('');
  });
});
