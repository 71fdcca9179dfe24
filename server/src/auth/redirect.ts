/**
 * Where email links send users back to, checked as GoTrue's IsRedirectURLValid does: any URL on
 * the site URL's host, or one matching an entry of the allow list (exact, or a glob in which `*`
 * stays within a host label or path segment and `**` crosses them).
 */
import type { ServerConfig } from '../config.ts';
import type { HttpRequest } from '../http/types.ts';

const patterns = new WeakMap<string[], RegExp[]>();

/** gobwas/glob with `.` and `/` as separators, as GoTrue compiles its URI allow list. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (c === '*') out += '[^./]*';
    else if (c === '?') out += '[^./]';
    else out += c.replace(/[\\^$+.()|{}[\]]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

function allowList(list: string[]): RegExp[] {
  let compiled = patterns.get(list);
  if (!compiled) {
    compiled = list.map(globToRegExp);
    patterns.set(list, compiled);
  }
  return compiled;
}

function hostname(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

export function isRedirectAllowed(auth: ServerConfig['auth'], url: string): boolean {
  if (url === '') return false;
  const target = hostname(url);
  if (target !== undefined && target === hostname(auth.siteUrl)) return true;
  return allowList(auth.additionalRedirectUrls).some((re) => re.test(url));
}

/**
 * GoTrue's GetReferrer: the request's `redirect_to` when allowed, else its Referer header when
 * allowed, else the site URL.
 */
export function referrer(auth: ServerConfig['auth'], req: HttpRequest, requested = req.url.searchParams.get('redirect_to') ?? ''): string {
  if (isRedirectAllowed(auth, requested)) return requested;
  const referer = req.headers.referer ?? '';
  if (isRedirectAllowed(auth, referer)) return referer;
  return auth.siteUrl;
}
