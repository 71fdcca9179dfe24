/**
 * Row ranges (PostgREST's RangeQuery): the `Range` header and `limit`/`offset` as one inclusive
 * interval, the max-rows restriction, and the status and `Content-Range` of an answer.
 */
import type { QueryParams } from './query-params.ts';

/** Inclusive row range; `upper` undefined means unbounded. */
export interface RowRange {
  lower: number;
  upper: number | undefined;
}

export const ALL_RANGE: RowRange = { lower: 0, upper: undefined };
export const isAllRange = (r: RowRange) => r.lower === 0 && r.upper === undefined;
export const rangeLimit = (r: RowRange): number | undefined => (r.upper === undefined ? undefined : r.upper - r.lower + 1);
export const intersect = (a: RowRange, b: RowRange): RowRange => ({
  lower: Math.max(a.lower, b.lower),
  upper: a.upper === undefined ? b.upper : b.upper === undefined ? a.upper : Math.min(a.upper, b.upper),
});
export const isEmptyRange = (r: RowRange) => r.upper !== undefined && r.upper < r.lower;
export const hasLimitZero = (r: RowRange) => r.upper === -1;
export const restrictRange = (max: number | undefined, r: RowRange): RowRange =>
  max === undefined ? r : intersect(r, { lower: 0, upper: r.lower + max - 1 });

/** `Range: 0-9` (GET only); anything unparsable means all rows, as PostgREST reads it. */
export function parseRangeHeader(h: string | undefined): RowRange {
  if (!h) return ALL_RANGE;
  const m = /^([0-9]+)-([0-9]*)$/.exec(h.trim());
  if (!m) return ALL_RANGE;
  const lower = Number(m[1]);
  const upper = m[2] === '' ? undefined : Number(m[2]);
  return intersect({ lower, upper: undefined }, { lower: 0, upper });
}

/** `limit` / `offset` per embed path (`''` = root). */
export function rangesFromParams(qp: QueryParams): Map<string, RowRange> {
  const out = new Map<string, RowRange>();
  for (const [key, { limit, offset }] of qp.ranges) {
    if (limit !== undefined && offset !== undefined) out.set(key, { lower: offset, upper: offset + limit - 1 });
    else if (limit !== undefined) out.set(key, { lower: 0, upper: limit - 1 });
    else if (offset !== undefined) out.set(key, { lower: offset, upper: undefined });
  }
  return out;
}

export function contentRange(lower: number, upper: number, total: number | undefined): string {
  const range = total !== 0 && lower <= upper ? `${lower}-${upper}` : '*';
  return `${range}/${total === undefined ? '*' : total}`;
}

/** 200, 206 for a partial page of a counted result, 416 past its end; with `Content-Range`. */
export function rangeStatus(top: RowRange, pageTotal: number, tableTotal: number | undefined): { status: number; range: string } {
  const lower = top.lower;
  const upper = lower + pageTotal - 1;
  let status = 200;
  if (tableTotal !== undefined) {
    if (lower > tableTotal) status = 416;
    else if (1 + upper - lower < tableTotal) status = 206;
  }
  return { status, range: contentRange(lower, upper, tableTotal) };
}

/** PostgREST's PGRST103 body for an offset past the last row (HTTP 416). */
export function rangeNotSatisfiable(offset: number, total: number | null | undefined): string {
  return JSON.stringify({
    code: 'PGRST103',
    details: `An offset of ${offset} was requested, but there are only ${total ?? 0} rows.`,
    hint: null,
    message: 'Requested range not satisfiable',
  });
}
