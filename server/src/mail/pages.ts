/** The mail catcher's web page: the caught messages with their links and codes, no script. */
import type { StoredMessage } from './catcher.ts';
import { escapeHtml as escape } from './html.ts';

/** The http(s) links of a message, from its HTML (else its text), without duplicates. */
export function linksOf(m: StoredMessage): string[] {
  const fromHtml = [...m.HTML.matchAll(/href\s*=\s*"([^"]+)"/gi)].map((x) => x[1]!.replace(/&amp;/g, '&'));
  const found = fromHtml.length > 0 ? fromHtml : [...m.Text.matchAll(/https?:\/\/\S+/g)].map((x) => x[0]);
  return [...new Set(found.filter((l) => /^https?:\/\//i.test(l)))];
}

/** One-time codes: 6 to 10 digits after a colon or alone on a line (not inside an address or link). */
export function codesOf(m: StoredMessage): string[] {
  return [...new Set([...m.Text.matchAll(/(?:^|[:：]\s*)(\d{6,10})\s*$/gm)].map((x) => x[1]!))];
}

const STYLE = `
body{font:15px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:12px 24px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header h1{font-size:18px;margin:0;flex:1}
header a{color:#fff}
main{padding:16px 24px;max-width:1100px}
form{display:inline}
input[type=search]{font:inherit;padding:4px 8px;min-width:16em}
button{font:inherit;padding:4px 12px;cursor:pointer}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:8px;border-bottom:1px solid #d0d7de;vertical-align:top}
tr.unread td:first-child{font-weight:600}
.links a{display:block;word-break:break-all;font-size:13px}
code{font-size:16px;background:#eef;padding:1px 6px;border-radius:4px}
iframe{width:100%;height:60vh;border:1px solid #d0d7de;background:#fff}
pre{white-space:pre-wrap;background:#fff;border:1px solid #d0d7de;padding:12px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}
dt{font-weight:600}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><style>${STYLE}</style></head>
<body><header><h1>Duizhao mail catcher</h1>
<form method="get" action="/" role="search"><label>Search messages <input type="search" name="q"></label> <button type="submit">Search</button></form>
<a href="/">Refresh</a>
<form method="post" action="/delete"><button type="submit">Delete all messages</button></form>
</header><main>${body}</main></body></html>`;
}

const recipients = (m: StoredMessage) => m.To.map((a) => (a.Name ? `${a.Name} <${a.Address}>` : a.Address)).join(', ');

export function listPage(messages: StoredMessage[], query: string, notice?: string): string {
  const rows = messages
    .map((m) => {
      const links = linksOf(m)
        .map((l) => `<a href="${escape(l)}">${escape(l)}</a>`)
        .join('');
      const codes = codesOf(m)
        .map((c) => `<code>${c}</code>`)
        .join(' ');
      return `<tr class="${m.Read ? 'read' : 'unread'}"><td><a href="/view/${m.ID}">${escape(m.Subject || '(no subject)')}</a></td>
<td>${escape(recipients(m))}</td><td><time datetime="${m.Created}">${escape(m.Created.replace('T', ' ').slice(0, 19))}</time></td>
<td class="links">${links}${codes ? `<div>Code ${codes}</div>` : ''}</td></tr>`;
    })
    .join('\n');
  const heading = query ? `Messages matching “${escape(query)}”` : 'Messages';
  const table = messages.length
    ? `<table><caption class="visually-hidden">${heading}</caption><thead><tr><th scope="col">Subject</th><th scope="col">To</th><th scope="col">Received (UTC)</th><th scope="col">Links and codes</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>No messages yet. Emails the auth service sends (invitations, confirmations, sign-in links, password resets) appear here.</p>';
  return layout(heading, `${notice ? `<p role="status">${escape(notice)}</p>` : ''}<h2>${heading} (${messages.length})</h2>${table}`);
}

export function messagePage(m: StoredMessage): string {
  const links = linksOf(m)
    .map((l) => `<li><a href="${escape(l)}">${escape(l)}</a></li>`)
    .join('');
  const codes = codesOf(m)
    .map((c) => `<code>${c}</code>`)
    .join(' ');
  return layout(
    m.Subject,
    `<p><a href="/">← All messages</a></p><h2>${escape(m.Subject)}</h2>
<dl><dt>From</dt><dd>${escape(m.From.Name ? `${m.From.Name} <${m.From.Address}>` : m.From.Address)}</dd><dt>To</dt><dd>${escape(recipients(m))}</dd>
<dt>Received</dt><dd><time datetime="${m.Created}">${escape(m.Created)}</time></dd>${codes ? `<dt>Codes</dt><dd>${codes}</dd>` : ''}</dl>
${links ? `<h3>Links</h3><ul>${links}</ul>` : ''}
<h3>HTML</h3><iframe title="The message as HTML" src="/view/${m.ID}.html" sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"></iframe>
<h3>Text</h3><pre>${escape(m.Text)}</pre>`,
  );
}
