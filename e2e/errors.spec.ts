// When a screen cannot be shown: its error in words inside the app's frame, never a blank page.
import { test, expect } from './fixtures.ts';

test('a screen whose code fails to load says so, offers a reload, and keeps the navigation', async ({ translator }) => {
  const { page, library } = translator;
  await library.goto();
  // As after a deploy that replaced the workspace's chunk while this tab stayed open.
  await page.route(/\/assets\/workspace-page-[^/]*\.js$/, (route) => route.abort());
  await library.documentLink().click();

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Something went wrong on this screen');
  await expect(alert).toContainText('A newer version of Duizhao is available. Reload to use it.');
  await expect(alert.getByRole('button', { name: 'Reload' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' })).toBeVisible();

  await page.unroute(/\/assets\/workspace-page-[^/]*\.js$/);
  await alert.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('group', { name: 'Paragraph 1', exact: true })).toBeVisible();
});
