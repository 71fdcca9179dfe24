// Small helpers the writers share: stored rich text as HTML, dates, file names.

type Json = Record<string, unknown>;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function safeHref(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  return /^(https?:|mailto:)/i.test(href.trim()) ? href.trim() : null;
}

const MARK_TAGS: Record<string, string> = { bold: 'strong', italic: 'em', strike: 's', code: 'code', underline: 'u' };
const BLOCK_TAGS: Record<string, string> = { paragraph: 'p', blockquote: 'blockquote', bulletList: 'ul', orderedList: 'ol', listItem: 'li' };

function inlineHtml(node: Json): string {
  if (node.type === 'hardBreak') return '<br>';
  if (node.type !== 'text' || typeof node.text !== 'string') return '';
  let html = escapeHtml(node.text);
  for (const mark of Array.isArray(node.marks) ? (node.marks as Json[]) : []) {
    if (mark.type === 'link') {
      const href = safeHref((mark.attrs as Json | undefined)?.href);
      if (href) html = `<a href="${escapeHtml(href)}">${html}</a>`;
    } else if (typeof mark.type === 'string' && MARK_TAGS[mark.type]) {
      const tag = MARK_TAGS[mark.type];
      html = `<${tag}>${html}</${tag}>`;
    }
  }
  return html;
}

function nodeHtml(node: Json): string {
  const content = Array.isArray(node.content) ? (node.content as Json[]) : [];
  const inner = () => content.map((c) => (c.type === 'text' || c.type === 'hardBreak' ? inlineHtml(c) : nodeHtml(c))).join('');
  if (node.type === 'heading') {
    const level = Math.min(6, Math.max(1, Number((node.attrs as Json | undefined)?.level) || 1));
    return `<h${level}>${inner()}</h${level}>`;
  }
  if (node.type === 'codeBlock') return `<pre><code>${inner()}</code></pre>`;
  if (node.type === 'horizontalRule') return '<hr>';
  const tag = typeof node.type === 'string' ? BLOCK_TAGS[node.type] : undefined;
  return tag ? `<${tag}>${inner()}</${tag}>` : inner();
}

/**
 * A stored tiptap document as HTML (the nodes and marks the editor allows; text escaped, links
 * http(s) or mailto only), or, when there is no valid document, the plain text in paragraphs.
 */
export function richTextHtml(body: unknown, fallbackText: string): string {
  if (body && typeof body === 'object' && (body as Json).type === 'doc') {
    const html = nodeHtml(body as Json);
    if (html.replace(/<[^>]+>/g, '').trim() !== '' || fallbackText.trim() === '') return html;
  }
  return fallbackText
    .split(/\n{2,}|\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
}

/** TMX's date form: 20140519T083000Z. */
export function tmxDate(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** ISO 8601 in UTC without milliseconds, or undefined. */
export function isoDate(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A file name from a title: characters no file system accepts removed, at most 80 characters. */
export function fileStem(title: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const cleaned = title.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  const stem = Array.from(cleaned).slice(0, 80).join('').trim();
  return stem === '' ? 'document' : stem;
}
