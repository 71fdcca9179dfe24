// Links in stored rich text may only point to web pages or mail addresses; anything else
// (javascript:, data:, vbscript:, relative paths) renders as plain text.
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

export function isSafeHref(href: unknown): href is string {
  if (typeof href !== 'string') return false;
  // Browsers ignore control characters and spaces inside schemes ("java\tscript:"), so reject them outright.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(href)) return false;
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return false;
  }
  return ALLOWED_PROTOCOLS.has(url.protocol);
}
