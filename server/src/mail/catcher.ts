/**
 * The local mail catcher: the auth service hands it every email it sends (no SMTP), it keeps them
 * in memory and shows them through a Mailpit-compatible JSON API and a small web page, as the
 * Supabase CLI's mail catcher does on port 54324.
 *
 *   GET    /api/v1/messages?start=&limit=     newest first
 *   GET    /api/v1/search?query=&start=&limit=  `to:`, `from:`, `subject:` and free words
 *   DELETE /api/v1/messages                  all, or `{"IDs": [...]}`
 *   DELETE /api/v1/search?query=             the matches
 *   GET    /api/v1/message/{ID|latest}       one message with Text and HTML (marks it read)
 *   GET    /api/v1/message/{ID}/raw          the message as RFC 5322 text
 *   GET    /api/v1/info                      counts
 *   GET    /                                 the web page; /view/{ID} one message
 */
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { messagePage, listPage } from './pages.ts';

export interface MailAddress {
  Name: string;
  Address: string;
}

/** What a sender hands the catcher. */
export interface OutgoingMail {
  from: MailAddress;
  to: MailAddress[];
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. Content-Language. */
  headers?: Record<string, string>;
}

export interface StoredMessage {
  ID: string;
  MessageID: string;
  Read: boolean;
  From: MailAddress;
  To: MailAddress[];
  Subject: string;
  Created: string;
  Text: string;
  HTML: string;
  Headers: Record<string, string>;
  Size: number;
}

/** Anything that accepts outgoing mail. */
export interface Mailbox {
  deliver(mail: OutgoingMail): StoredMessage;
}

/** The list item Mailpit's API returns (MessageSummary). */
export function summary(m: StoredMessage) {
  return {
    ID: m.ID,
    MessageID: m.MessageID,
    Read: m.Read,
    From: m.From,
    To: m.To,
    Cc: [],
    Bcc: [],
    ReplyTo: [],
    Subject: m.Subject,
    Created: m.Created,
    Username: '',
    Tags: [],
    Size: m.Size,
    Attachments: 0,
    Snippet: m.Text.replace(/\s+/g, ' ').trim().slice(0, 250),
  };
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A 22-character base-62 id like Mailpit's. */
function newId(): string {
  return [...randomBytes(22)].map((b) => ID_ALPHABET[b % 62]).join('');
}

/** Mailpit's search: space-separated terms, each `to:`, `from:`, `subject:` or a word found anywhere; quotes group words. */
export function matches(m: StoredMessage, query: string): boolean {
  const terms = [...query.matchAll(/(\w+:)?(?:"([^"]*)"|(\S+))/g)].map((t) => ({ field: t[1]?.slice(0, -1).toLowerCase(), value: (t[2] ?? t[3] ?? '').toLowerCase() }));
  const addresses = (list: MailAddress[]) => list.map((a) => `${a.Name} <${a.Address}>`).join(' ').toLowerCase();
  return terms.every(({ field, value }) => {
    if (field === 'to') return addresses(m.To).includes(value);
    if (field === 'from') return addresses([m.From]).includes(value);
    if (field === 'subject') return m.Subject.toLowerCase().includes(value);
    const text = `${field ? `${field}:` : ''}${value}`;
    return [m.Subject, m.Text, addresses(m.To), addresses([m.From])].some((s) => s.toLowerCase().includes(text));
  });
}

/** RFC 2047 encoding for header text that is not plain ASCII. */
function encodeHeader(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
}

const formatAddress = (a: MailAddress) => (a.Name ? `${encodeHeader(a.Name)} <${a.Address}>` : a.Address);

/** The message as a MIME multipart/alternative document. */
export function rawMessage(m: StoredMessage): string {
  const boundary = `=_${m.ID}`;
  const wrap = (s: string) => Buffer.from(s).toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    `Message-ID: ${m.MessageID}`,
    `Date: ${new Date(m.Created).toUTCString()}`,
    `From: ${formatAddress(m.From)}`,
    `To: ${m.To.map(formatAddress).join(', ')}`,
    `Subject: ${encodeHeader(m.Subject)}`,
    ...Object.entries(m.Headers).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    wrap(m.Text),
    `--${boundary}`,
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    wrap(m.HTML),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

export class MailCatcher implements Mailbox {
  /** Oldest first; at most `capacity` are kept. */
  private readonly messages: StoredMessage[] = [];
  private server: http.Server | undefined;
  url = '';

  constructor(private readonly capacity = 1000) {}

  deliver(mail: OutgoingMail): StoredMessage {
    const message: StoredMessage = {
      ID: newId(),
      MessageID: `<${randomUUID()}@duizhao.local>`,
      Read: false,
      From: mail.from,
      To: mail.to,
      Subject: mail.subject,
      Created: new Date().toISOString(),
      Text: mail.text,
      HTML: mail.html,
      Headers: mail.headers ?? {},
      Size: 0,
    };
    message.Size = Buffer.byteLength(rawMessage(message));
    this.messages.push(message);
    if (this.messages.length > this.capacity) this.messages.splice(0, this.messages.length - this.capacity);
    return message;
  }

  /** Newest first, optionally filtered by a Mailpit search query. */
  list(query = ''): StoredMessage[] {
    const newestFirst = [...this.messages].reverse();
    return query.trim() ? newestFirst.filter((m) => matches(m, query)) : newestFirst;
  }

  get(id: string): StoredMessage | undefined {
    return id === 'latest' ? this.messages.at(-1) : this.messages.find((m) => m.ID === id);
  }

  delete(ids?: readonly string[]): void {
    if (!ids) {
      this.messages.length = 0;
      return;
    }
    const gone = new Set(ids);
    for (let i = this.messages.length - 1; i >= 0; i--) if (gone.has(this.messages[i]!.ID)) this.messages.splice(i, 1);
  }

  /** Serves the API and the web page on `port` (0: any free port). */
  async listen(port: number, host: string): Promise<string> {
    const server = http.createServer((req, res) => {
      readBody(req)
        .then((body) => this.handle(req, body))
        .catch((): Answer => ({ status: 400, type: 'text/plain; charset=utf-8', body: 'bad request' }))
        .then((answer) => {
          res.writeHead(answer.status, {
            'content-type': answer.type,
            'access-control-allow-origin': '*',
            'x-content-type-options': 'nosniff',
            ...(answer.headers ?? {}),
          });
          res.end(req.method === 'HEAD' ? undefined : answer.body);
        });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    this.url = `http://${host}:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, body: string): Answer {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const page = (n: string | null, fallback: number) => (n !== null && /^\d+$/.test(n) ? Number(n) : fallback);
    const listing = (found: StoredMessage[]) => {
      const start = page(url.searchParams.get('start'), 0);
      const limit = page(url.searchParams.get('limit'), 50);
      const unread = found.filter((m) => !m.Read).length;
      return json(200, {
        total: this.messages.length,
        unread: this.messages.filter((m) => !m.Read).length,
        count: Math.max(0, Math.min(limit, found.length - start)),
        messages_count: found.length,
        messages_unread: unread,
        start,
        tags: [],
        messages: found.slice(start, start + limit).map(summary),
      });
    };

    if (method === 'OPTIONS') {
      return { status: 204, type: 'text/plain', body: '', headers: { 'access-control-allow-methods': 'GET, PUT, DELETE', 'access-control-allow-headers': 'content-type' } };
    }
    if (path === '/api/v1/messages' || path === '/api/v1/search') {
      const query = path === '/api/v1/search' ? (url.searchParams.get('query') ?? '') : '';
      if (method === 'GET') return listing(this.list(query));
      if (method === 'DELETE') {
        const ids = path === '/api/v1/search' ? this.list(query).map((m) => m.ID) : parseIds(body);
        this.delete(ids);
        return { status: 200, type: 'text/plain; charset=utf-8', body: 'ok' };
      }
      if (method === 'PUT' && path === '/api/v1/messages') {
        const request = JSON.parse(body || '{}') as { IDs?: string[]; Read?: boolean };
        const ids = new Set(request.IDs ?? this.messages.map((m) => m.ID));
        for (const m of this.messages) if (ids.has(m.ID)) m.Read = request.Read === true;
        return { status: 200, type: 'text/plain; charset=utf-8', body: 'ok' };
      }
      return notAllowed;
    }
    if (path === '/api/v1/info' && method === 'GET') {
      return json(200, { Version: 'duizhao', Messages: this.messages.length, Unread: this.messages.filter((m) => !m.Read).length, Tags: {} });
    }
    const one = /^\/api\/v1\/message\/([^/]+)(\/raw)?$/.exec(path);
    if (one && method === 'GET') {
      const message = this.get(decodeURIComponent(one[1]!));
      if (!message) return { status: 404, type: 'text/plain; charset=utf-8', body: 'message not found' };
      if (one[2]) return { status: 200, type: 'text/plain; charset=utf-8', body: rawMessage(message) };
      message.Read = true;
      const { Headers: _headers, Read: _read, ...rest } = message;
      return json(200, { ...rest, Cc: [], Bcc: [], ReplyTo: [], ReturnPath: message.From.Address, Date: message.Created, Tags: [], Inline: [], Attachments: [] });
    }
    if (path === '/' && method === 'GET') return html(200, listPage(this.list(url.searchParams.get('q') ?? ''), url.searchParams.get('q') ?? ''));
    if (path === '/delete' && method === 'POST') {
      this.delete();
      return { status: 303, type: 'text/plain; charset=utf-8', body: '', headers: { location: '/' } };
    }
    const view = /^\/view\/([^/]+?)(\.html)?$/.exec(path);
    if (view && method === 'GET') {
      const message = this.get(decodeURIComponent(view[1]!));
      if (!message) return html(404, listPage([], '', 'That message is no longer here.'));
      if (view[2]) {
        // The email's own HTML, shown in a sandboxed frame: no scripts, no requests but images.
        return { status: 200, type: 'text/html; charset=utf-8', body: message.HTML, headers: { 'content-security-policy': "sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation; default-src 'none'; img-src * data:; style-src 'unsafe-inline'" } };
      }
      message.Read = true;
      return html(200, messagePage(message));
    }
    return { status: 404, type: 'text/plain; charset=utf-8', body: 'not found' };
  }
}

interface Answer {
  status: number;
  type: string;
  body: string;
  headers?: Record<string, string>;
}

const notAllowed: Answer = { status: 405, type: 'text/plain; charset=utf-8', body: 'method not allowed' };
const json = (status: number, value: unknown): Answer => ({ status, type: 'application/json; charset=utf-8', body: JSON.stringify(value) });
const html = (status: number, body: string): Answer => ({
  status,
  type: 'text/html; charset=utf-8',
  body,
  headers: { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; form-action 'self'; frame-ancestors 'none'" },
});

function parseIds(body: string): string[] | undefined {
  if (body.trim() === '') return undefined;
  const ids = (JSON.parse(body) as { IDs?: unknown }).IDs;
  return Array.isArray(ids) && ids.length > 0 ? ids.map(String) : undefined;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 1_000_000) reject(new Error('too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Starts the catcher on the configured port; when that port is taken (another checkout's stack),
 * says so and takes a free one, so the API still starts.
 */
export async function startMailCatcher(options: { port: number; host: string }, log: (line: string) => void): Promise<MailCatcher> {
  const catcher = new MailCatcher();
  try {
    await catcher.listen(options.port, options.host);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    await catcher.listen(0, options.host);
    log(`mail catcher: port ${options.port} is in use, listening on ${catcher.url} instead`);
  }
  return catcher;
}
