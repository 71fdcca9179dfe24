// Full-width forms (U+FF01–U+FF5E: ０-９, Ａ-Ｚ, ａ-ｚ, －, ／, ％, ．, ：…) as their ASCII forms. Each
// character maps to one UTF-16 unit, so offsets into the text stay valid.

const FULL_WIDTH_OFFSET = 0xfee0;

const ALL = { test: /[\uff01-\uff5e]/, replace: /[\uff01-\uff5e]/g };
const DIGITS = { test: /[\uff10-\uff19\uff05\uff0e]/, replace: /[\uff10-\uff19\uff05\uff0e]/g };
const LETTERS = { test: /[\uff21-\uff3a\uff41-\uff5a]/, replace: /[\uff21-\uff3a\uff41-\uff5a]/g };

function toAscii(ch: string): string {
  return String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_OFFSET);
}

function halfWidth(text: string, set: typeof ALL): string {
  return set.test.test(text) ? text.replace(set.replace, toAscii) : text;
}

/** Every full-width ASCII form (digits, letters, punctuation) to ASCII; U+3000 stays as it is. */
export function toHalfWidth(text: string): string {
  return halfWidth(text, ALL);
}

/** Full-width digits, ％ and ． only (numbers and percentages); other full-width punctuation stays. */
export function halfWidthDigits(text: string): string {
  return halfWidth(text, DIGITS);
}

/** Full-width Latin letters only. */
export function halfWidthLetters(text: string): string {
  return halfWidth(text, LETTERS);
}
