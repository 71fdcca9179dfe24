/** SQL text helpers: every identifier is quoted, every value becomes a bound parameter. */
import { errors } from './errors.ts';

export class Params {
  readonly values: (string | null)[] = [];
  /** Binds `value` (sent untyped so Postgres infers it from context, like a literal) and returns `$n`. */
  add(value: string | null): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Quotes an identifier; text after a NUL is dropped as PostgREST does. */
export function ident(name: string): string {
  const nul = name.indexOf('\0');
  const clean = nul >= 0 ? name.slice(0, nul) : name;
  return `"${clean.replace(/"/g, '""')}"`;
}

export function qualified(schema: string, name: string): string {
  return schema === '' ? ident(name) : `${ident(schema)}.${ident(name)}`;
}

/** A Postgres array literal of text values, for `= ANY($n)`. */
export function arrayLiteral(values: string[]): string {
  return `{${values
    .map((v) => {
      const nul = v.indexOf('\0');
      const clean = nul >= 0 ? v.slice(0, nul) : v;
      return `"${clean.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    })
    .join(',')}}`;
}

/** Casts come from the query string; the grammar only lets `[letters digits _ $ space]` through. */
export function safeCast(cast: string): string {
  if (!/^[\p{L}\p{N}_ $]+$/u.test(cast) || !/[\p{L}\p{N}]/u.test(cast)) throw errors.queryParam(`invalid cast (${cast})`, 'a cast names a type: letters, digits, "_", "$" or spaces');
  return cast;
}
