import { afterAll, describe, expect, it } from 'vitest';
import { signOut } from './auth.ts';
import { fetchProjects, hasRole } from './projects.ts';
import { actAs, DEMO_PROJECT_ID } from './testing.ts';

afterAll(() => signOut());

describe('fetchProjects', () => {
  it('lists the projects of the signed-in user with the roles they hold there', async () => {
    const user = await actAs('translator');
    const projects = await fetchProjects(user.id);
    const demo = projects.find((p) => p.id === DEMO_PROJECT_ID);
    expect(demo).toMatchObject({ name: 'Demo', roles: ['translator'] });
    expect(hasRole(demo, 'owner', 'translator')).toBe(true);
    expect(hasRole(demo, 'reviewer')).toBe(false);
  });

  it('lists nothing when signed out, without failing', async () => {
    await signOut();
    expect(await fetchProjects('nobody')).toEqual([]);
  });
});
