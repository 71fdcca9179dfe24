// The app server's security headers, and that the browser enforces its policy while the app works.
import { test, expect, API_URL } from './fixtures.ts';

test('the app is served with a content security policy that the whole app runs under', async ({ translator }) => {
  const { page, workspace } = translator;
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });

  const response = await page.goto('/');
  const headers = response!.headers();
  const wsUrl = API_URL.replace(/^http/, 'ws');
  expect(headers['content-security-policy']).toContain("script-src 'self';");
  expect(headers['content-security-policy']).toContain(`connect-src 'self' ${API_URL} ${wsUrl};`);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');

  // Reading, editing and the workers of the app all work under the policy.
  await workspace.open();
  await expect(workspace.row(2)).toBeVisible();
  expect(refused).toEqual([]);

  const probe = await page.evaluate(async (api) => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    const inline = document.createElement('script');
    inline.textContent = 'window.__inlineScriptRan = true';
    document.body.append(inline);
    const socket = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`${api.replace(/^http/, 'ws')}/realtime/v1/websocket?vsn=1.0.0`);
      ws.onopen = () => {
        ws.close();
        resolve('open');
      };
      ws.onerror = () => resolve('error');
    });
    const elsewhere = await fetch('http://127.0.0.1:9/exfiltrate').then(
      () => 'reached',
      () => 'refused',
    );
    await new Promise((r) => setTimeout(r, 100));
    return { inlineRan: (window as { __inlineScriptRan?: boolean }).__inlineScriptRan === true, socket, elsewhere, violations };
  }, API_URL);
  expect(probe.inlineRan).toBe(false);
  expect(probe.socket).toBe('open');
  expect(probe.elsewhere).toBe('refused');
  expect(probe.violations).toEqual(expect.arrayContaining(['script-src-elem', 'connect-src']));
});

test('the production build publishes source maps without source text', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const entry = /<script type="module" crossorigin src="([^"]+\.js)"/.exec(html)?.[1];
  expect(entry).toBeTruthy();
  const script = await request.get(entry!);
  expect(script.headers()['x-content-type-options']).toBe('nosniff');
  const map = await request.get(`${entry}.map`);
  expect(map.ok()).toBe(true);
  const parsed = (await map.json()) as { sources: string[]; sourcesContent?: (string | null)[] };
  expect(parsed.sources.length).toBeGreaterThan(0);
  expect((parsed.sourcesContent ?? []).filter((s) => s !== null)).toEqual([]);
});
