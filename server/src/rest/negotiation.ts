/** The `Prefer` header (RFC 7240 as PostgREST reads it) and `Accept` / `Content-Type` media types. */

export type PreferRepresentation = 'representation' | 'minimal' | 'headers-only';
export type PreferCount = 'exact' | 'planned' | 'estimated';

export interface Preferences {
  resolution?: 'merge-duplicates' | 'ignore-duplicates';
  representation?: PreferRepresentation;
  params?: 'single-object';
  count?: PreferCount;
  tx?: 'commit' | 'rollback';
  missing?: 'default' | 'null';
  handling?: 'strict' | 'lenient';
  timezone?: string;
  maxAffected?: number;
  invalid: string[];
}

const ACCEPTED: Record<string, [keyof Preferences, string]> = {
  'resolution=merge-duplicates': ['resolution', 'merge-duplicates'],
  'resolution=ignore-duplicates': ['resolution', 'ignore-duplicates'],
  'return=representation': ['representation', 'representation'],
  'return=minimal': ['representation', 'minimal'],
  'return=headers-only': ['representation', 'headers-only'],
  'params=single-object': ['params', 'single-object'],
  'count=exact': ['count', 'exact'],
  'count=planned': ['count', 'planned'],
  'count=estimated': ['count', 'estimated'],
  'tx=commit': ['tx', 'commit'],
  'tx=rollback': ['tx', 'rollback'],
  'missing=default': ['missing', 'default'],
  'missing=null': ['missing', 'null'],
  'handling=strict': ['handling', 'strict'],
  'handling=lenient': ['handling', 'lenient'],
};

/** Comma-joined `Prefer` values; the first occurrence of each preference wins. */
export function parsePreferences(header: string | undefined, timezones: Set<string>): Preferences {
  const prefs: Preferences = { invalid: [] };
  if (!header) return prefs;
  const tokens = header
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const out = prefs as unknown as Record<string, unknown>;
  for (const t of tokens) {
    const known = ACCEPTED[t];
    if (known) {
      if (out[known[0]] === undefined) out[known[0]] = known[1];
      continue;
    }
    if (t.startsWith('timezone=')) {
      const tz = t.slice('timezone='.length);
      if (timezones.has(tz)) {
        prefs.timezone ??= tz;
        continue;
      }
    }
    if (t.startsWith('max-affected=')) {
      const n = t.slice('max-affected='.length);
      if (prefs.maxAffected === undefined && /^-?\d+$/.test(n)) prefs.maxAffected = Number(n);
      continue;
    }
    prefs.invalid.push(t);
  }
  return prefs;
}

/** `Preference-Applied` in PostgREST's fixed order, for the preferences a given action honours. */
export function preferenceApplied(p: Partial<Preferences>): string | undefined {
  const vals: string[] = [];
  if (p.resolution) vals.push(`resolution=${p.resolution}`);
  if (p.missing) vals.push(`missing=${p.missing}`);
  if (p.representation) vals.push(`return=${p.representation}`);
  if (p.params) vals.push(`params=${p.params}`);
  if (p.count) vals.push(`count=${p.count}`);
  if (p.tx) vals.push(`tx=${p.tx}`);
  if (p.handling) vals.push(`handling=${p.handling}`);
  if (p.timezone) vals.push(`timezone=${p.timezone}`);
  if (p.handling === 'strict' && p.maxAffected !== undefined) vals.push(`max-affected=${p.maxAffected}`);
  return vals.length ? vals.join(', ') : undefined;
}

// ---------------------------------------------------------------------------------------------

export type PlanOption = 'analyze' | 'verbose' | 'settings' | 'buffers' | 'wal';

export type MediaType =
  | { kind: 'json' }
  | { kind: 'any' }
  | { kind: 'geojson' }
  | { kind: 'csv' }
  | { kind: 'text' }
  | { kind: 'xml' }
  | { kind: 'openapi' }
  | { kind: 'urlencoded' }
  | { kind: 'octet' }
  | { kind: 'array-strip' }
  | { kind: 'object'; strip: boolean }
  | { kind: 'plan'; for: MediaType; format: 'json' | 'text'; options: PlanOption[] }
  | { kind: 'other'; mime: string };

export function decodeMediaType(raw: string): MediaType {
  const parts = raw.split(';');
  const base = (parts[0] ?? '').trim().toLowerCase();
  const rest = parts.slice(1).map((s) => s.trim());
  const strip = rest.length === 1 && rest[0] === 'nulls=stripped';
  switch (base) {
    case 'application/json':
      return { kind: 'json' };
    case 'application/geo+json':
      return { kind: 'geojson' };
    case 'text/csv':
      return { kind: 'csv' };
    case 'text/plain':
      return { kind: 'text' };
    case 'text/xml':
      return { kind: 'xml' };
    case 'application/openapi+json':
      return { kind: 'openapi' };
    case 'application/x-www-form-urlencoded':
      return { kind: 'urlencoded' };
    case 'application/octet-stream':
      return { kind: 'octet' };
    case 'application/vnd.pgrst.plan':
    case 'application/vnd.pgrst.plan+text':
    case 'application/vnd.pgrst.plan+json': {
      const format = base.endsWith('+json') ? 'json' : 'text';
      const optsRaw = rest.find((r) => r.startsWith('options='))?.slice('options='.length) ?? '';
      const opts = optsRaw.split('|');
      const forRaw = rest.find((r) => r.startsWith('for='))?.slice(4).replace(/^"+|"+$/g, '');
      const options = (['analyze', 'verbose', 'settings', 'buffers', 'wal'] as const).filter((o) => opts.includes(o));
      return { kind: 'plan', for: forRaw ? decodeMediaType(forRaw) : { kind: 'json' }, format, options };
    }
    case 'application/vnd.pgrst.object+json':
    case 'application/vnd.pgrst.object':
      return { kind: 'object', strip };
    case 'application/vnd.pgrst.array+json':
    case 'application/vnd.pgrst.array':
      return strip ? { kind: 'array-strip' } : { kind: 'json' };
    case '*/*':
      return { kind: 'any' };
    case '':
      return { kind: 'any' };
    default:
      return { kind: 'other', mime: base };
  }
}

export function toMime(mt: MediaType): string {
  switch (mt.kind) {
    case 'json':
      return 'application/json';
    case 'array-strip':
      return 'application/vnd.pgrst.array+json;nulls=stripped';
    case 'geojson':
      return 'application/geo+json';
    case 'csv':
      return 'text/csv';
    case 'text':
      return 'text/plain';
    case 'xml':
      return 'text/xml';
    case 'openapi':
      return 'application/openapi+json';
    case 'object':
      return mt.strip ? 'application/vnd.pgrst.object+json;nulls=stripped' : 'application/vnd.pgrst.object+json';
    case 'urlencoded':
      return 'application/x-www-form-urlencoded';
    case 'octet':
      return 'application/octet-stream';
    case 'any':
      return '*/*';
    case 'other':
      return mt.mime;
    case 'plan':
      return `application/vnd.pgrst.plan+${mt.format}; for="${toMime(mt.for)}"${mt.options.length ? `; options=${mt.options.join('|')}` : ''}`;
  }
}

export function contentType(mt: MediaType): string {
  return mt.kind === 'octet' || mt.kind === 'other' ? toMime(mt) : `${toMime(mt)}; charset=utf-8`;
}

/**
 * The media types of an `Accept` header, best first: spaces are dropped, `q` orders them and,
 * at equal `q`, specific types come before wildcards (as wai's parseHttpAccept does).
 */
export function parseAccept(header: string | undefined): MediaType[] {
  if (header === undefined || header.trim() === '') return [{ kind: 'any' }];
  const items = header.split(',').map((raw, i) => {
    const s = raw.replace(/ /g, '');
    const qi = s.indexOf(';q=');
    const type = qi < 0 ? s : s.slice(0, qi);
    const q = qi < 0 ? 1 : Number.parseFloat(s.slice(qi + 3).split(';')[0] ?? '1');
    const specificity = type.startsWith('*/*') ? 0 : type.includes('/*') ? 1 : 2;
    return { type, q: Number.isFinite(q) ? q : 1, specificity, i };
  });
  items.sort((a, b) => b.q - a.q || b.specificity - a.specificity || a.i - b.i);
  return items.map((it) => decodeMediaType(it.type));
}
