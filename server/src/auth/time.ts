/**
 * Timestamps as GoTrue's JSON shows them: Go's RFC 3339 with the fraction's trailing zeros
 * dropped and `Z` for UTC, e.g. `2024-10-05T15:05:01.25149Z`.
 */

/** A SQL expression rendering a timestamp column as UTC text with microseconds, for `goTime`. */
export function sqlUtc(column: string, alias = column.replace(/^.*\./, '')): string {
  return `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as ${alias}`;
}

/** Turns `2024-10-05T15:05:01.251490` (UTC) into Go's `2024-10-05T15:05:01.25149Z`. */
export function goTime(utc: string | null | undefined): string | undefined {
  if (utc === null || utc === undefined) return undefined;
  const [whole, fraction = ''] = utc.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${whole}${trimmed ? `.${trimmed}` : ''}Z`;
}
