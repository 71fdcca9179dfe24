const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses a Go duration string ("876000h", "1h30m", "-1.5s", "0") into milliseconds, as
 * GoTrue's ban_duration does with time.ParseDuration; undefined when the text is invalid.
 */
export function parseGoDuration(text: string): number | undefined {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  const part = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  while (rest !== '') {
    const m = part.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  // time.Duration is an int64 of nanoseconds; longer durations do not parse.
  if (total * 1e6 > 2 ** 63 - 1) return undefined;
  return sign * total;
}

/** Seconds from a Go duration ("1s", "1m30s") or a bare number of seconds, as GoTrue's settings take them. */
export function durationSeconds(raw: string, what: string): number {
  const seconds = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : (parseGoDuration(raw) ?? NaN) / 1000;
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`${what} must be a duration such as 60s, got "${raw}"`);
  return seconds;
}
