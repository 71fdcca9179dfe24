import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailCatcher, type OutgoingMail } from './catcher.ts';
import { codesOf, linksOf } from './pages.ts';

const mail = (to: string, subject: string, extra: Partial<OutgoingMail> = {}): OutgoingMail => ({
  from: { Name: 'Duizhao', Address: 'admin@email.com' },
  to: [{ Name: '', Address: to }],
  subject,
  text: `Hello ${to}\n\nOpen http://127.0.0.1:54321/auth/v1/verify?token=abc&type=signup\n\nOr enter this code: 123456`,
  html: '<p><a href="http://127.0.0.1:54321/auth/v1/verify?token=abc&amp;type=signup">Confirm</a></p><p>Or enter this code: 123456</p>',
  ...extra,
});

describe('MailCatcher', () => {
  const catcher = new MailCatcher(3);
  let base: string;
  beforeAll(async () => {
    base = await catcher.listen(0, '127.0.0.1');
  });
  afterAll(() => catcher.close());

  it('lists messages newest first in Mailpit’s shape and keeps the newest `capacity`', async () => {
    catcher.delete();
    for (const n of [1, 2, 3, 4]) catcher.deliver(mail(`u${n}@example.com`, `Message ${n}`));
    const list = await (await fetch(`${base}/api/v1/messages`)).json();
    expect(list).toMatchObject({ total: 3, unread: 3, count: 3, messages_count: 3, start: 0 });
    expect(list.messages.map((m: { Subject: string }) => m.Subject)).toEqual(['Message 4', 'Message 3', 'Message 2']);
    expect(list.messages[0]).toMatchObject({
      From: { Name: 'Duizhao', Address: 'admin@email.com' },
      To: [{ Name: '', Address: 'u4@example.com' }],
      Read: false,
      Attachments: 0,
    });
    expect(list.messages[0].ID).toMatch(/^[A-Za-z0-9]{22}$/);
    expect(list.messages[0].Snippet).toMatch(/^Hello u4@example.com Open http/);
    expect(Date.parse(list.messages[0].Created)).not.toBeNaN();
  });

  it('returns one message with Text and HTML, by ID or as latest, and marks it read', async () => {
    catcher.delete();
    const sent = catcher.deliver(mail('reader@example.com', '请确认您的邮箱地址'));
    const got = await (await fetch(`${base}/api/v1/message/${sent.ID}`)).json();
    expect(got).toMatchObject({ ID: sent.ID, Subject: '请确认您的邮箱地址', Text: sent.Text, HTML: sent.HTML, Attachments: [] });
    expect((await (await fetch(`${base}/api/v1/message/latest`)).json()).ID).toBe(sent.ID);
    expect((await (await fetch(`${base}/api/v1/messages`)).json()).unread).toBe(0);
    const missing = await fetch(`${base}/api/v1/message/nope`);
    expect(missing.status).toBe(404);
    const raw = await (await fetch(`${base}/api/v1/message/${sent.ID}/raw`)).text();
    expect(raw).toContain('Subject: =?UTF-8?B?');
    expect(raw).toContain('Content-Type: multipart/alternative');
  });

  it('searches by to:, subject: and words, and deletes matches or everything', async () => {
    catcher.delete();
    catcher.deliver(mail('ana@example.com', 'Reset your password'));
    catcher.deliver(mail('bo@example.com', 'Your sign-in link'));
    const search = async (q: string) => (await (await fetch(`${base}/api/v1/search?query=${encodeURIComponent(q)}`)).json()).messages.map((m: { Subject: string }) => m.Subject);
    expect(await search('to:ana@example.com')).toEqual(['Reset your password']);
    expect(await search('subject:"sign-in"')).toEqual(['Your sign-in link']);
    expect(await search('password')).toEqual(['Reset your password']);
    expect((await fetch(`${base}/api/v1/search?query=to:bo@example.com`, { method: 'DELETE' })).status).toBe(200);
    expect(await search('')).toEqual(['Reset your password']);
    const ana = catcher.list()[0]!;
    await fetch(`${base}/api/v1/messages`, { method: 'DELETE', body: JSON.stringify({ IDs: [ana.ID] }) });
    expect(catcher.list()).toEqual([]);
  });

  it('shows a web page with each message’s links and codes, and the message in a sandboxed frame', async () => {
    catcher.delete();
    const sent = catcher.deliver(mail('page@example.com', 'Confirm <your> email'));
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('Confirm &lt;your&gt; email');
    expect(html).toContain('href="http://127.0.0.1:54321/auth/v1/verify?token=abc&amp;type=signup"');
    expect(html).toContain('<code>123456</code>');
    const view = await (await fetch(`${base}/view/${sent.ID}`)).text();
    expect(view).toContain(`src="/view/${sent.ID}.html"`);
    const frame = await fetch(`${base}/view/${sent.ID}.html`);
    expect(frame.headers.get('content-security-policy')).toMatch(/^sandbox /);
    expect(await frame.text()).toBe(sent.HTML);
  });

  it('finds links in the HTML and codes in the text', () => {
    const m = catcher.deliver(mail('x@example.com', 'x'));
    expect(linksOf(m)).toEqual(['http://127.0.0.1:54321/auth/v1/verify?token=abc&type=signup']);
    expect(codesOf(m)).toEqual(['123456']);
  });
});
