// Reading numbers written in Chinese numerals, English words and Roman numerals.

/**
 * Chinese digits. ○ (U+25CB, a white circle) stands for 〇 in many typed texts (二○一四年): it
 * reads as zero wherever 〇 does.
 */
const ZH_DIGITS: Readonly<Record<string, number>> = {
  〇: 0, '○': 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const ZH_SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** The characters that may make up a Chinese numeral (digits, units, 点 aside), for patterns. */
export const ZH_NUMERAL_CHARS = '〇○零一二三四五六七八九十百千万亿两';
/** The Chinese digits alone, for patterns (years written digit by digit). */
export const ZH_DIGIT_CHARS = '〇○零一二三四五六七八九';

/** Value of one Chinese digit (〇 ○ 零 一 … 九, 两), or undefined. */
export function chineseDigit(ch: string): number | undefined {
  return ZH_DIGITS[ch];
}

function digitwise(text: string): number | null {
  let value = 0;
  for (const ch of text) {
    const d = ZH_DIGITS[ch];
    if (d === undefined) return null;
    value = value * 10 + d;
  }
  return value;
}

/**
 * 三千五百二十 → 3520, 四十一万亿 → 4.1e13. Within a 万 group the units fall (千 百 十); a unit
 * repeated or out of order (十十, 十百) is no numeral. 十 alone leads a group as ten (十三 = 13).
 */
function positional(text: string): number | null {
  let total = 0; // completed 亿 groups
  let section = 0; // completed 万 groups below the current 亿
  let group = 0; // below 万
  let digit = 0;
  let sawDigit = false;
  let lastUnit = Infinity; // the smallest unit of the group so far
  for (const ch of text) {
    const d = ZH_DIGITS[ch];
    if (d !== undefined) {
      digit = d;
      sawDigit = true;
      continue;
    }
    const small = ZH_SMALL_UNITS[ch];
    if (small !== undefined) {
      if (small >= lastUnit) return null;
      if (!sawDigit && group !== 0) return null;
      group += (sawDigit ? digit : 1) * small;
      lastUnit = small;
      digit = 0;
      sawDigit = false;
    } else if (ch === '万') {
      section = (section + group + digit) * 1e4;
      group = 0;
      digit = 0;
      sawDigit = false;
      lastUnit = Infinity;
    } else if (ch === '亿') {
      total = (total + section + group + digit) * 1e8;
      section = 0;
      group = 0;
      digit = 0;
      sawDigit = false;
      lastUnit = Infinity;
    } else {
      return null;
    }
  }
  return total + section + group + digit;
}

const DIGITS_ONLY = new RegExp(`^[${ZH_DIGIT_CHARS}两]{2,}$`);

/**
 * Value of a Chinese numeral: 十三 → 13, 四百亿 → 4e10, 二〇一四 (or 二○一四) → 2014, 一点五 → 1.5.
 * Returns null for text that is not a numeral (十十, 双方).
 */
export function parseChineseNumber(text: string): number | null {
  if (text === '') return null;
  const [whole = '', fraction, extra] = text.split('点');
  if (extra !== undefined) return null;
  let value: number | null;
  // Years and codes are read digit by digit: 二〇一四, 一九九七.
  if (DIGITS_ONLY.test(whole)) value = digitwise(whole);
  else value = whole === '' ? null : positional(whole);
  if (value === null) return null;
  if (fraction === undefined) return value;
  const digits = digitwise(fraction);
  if (digits === null || fraction === '') return null;
  return value + digits / 10 ** fraction.length;
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

/** Value of an upper-case Roman numeral up to C (399), or null if it is not well formed. */
export function parseRoman(text: string): number | null {
  if (!/^[IVXLC]+$/.test(text)) return null;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const current = ROMAN[text[i] ?? ''] ?? 0;
    const next = ROMAN[text[i + 1] ?? ''] ?? 0;
    value += current < next ? -current : current;
  }
  return toRoman(value) === text ? value : null;
}

export function toRoman(value: number): string {
  const table: Array<[number, string]> = [
    [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  let rest = value;
  for (const [n, s] of table) {
    while (rest >= n) {
      out += s;
      rest -= n;
    }
  }
  return out;
}

const EN_UNITS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const EN_ORDINAL_UNITS = [
  '', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh',
  'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth',
];
const EN_ORDINAL_TENS = ['', '', 'twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth', 'eightieth', 'ninetieth'];

/** Value of an English ordinal word ("fourth", "twenty-first", "thirtieth"), or null. */
export function parseEnglishOrdinal(word: string): number | null {
  const w = word.toLowerCase();
  const unit = EN_ORDINAL_UNITS.indexOf(w);
  if (unit > 0) return unit;
  const tens = EN_ORDINAL_TENS.indexOf(w);
  if (tens > 1) return tens * 10;
  const [head = '', tail = ''] = w.split('-');
  const t = EN_TENS.indexOf(head);
  const u = EN_ORDINAL_UNITS.indexOf(tail);
  if (t > 1 && u > 0 && u < 10) return t * 10 + u;
  return null;
}

/** Value of an English cardinal word up to ninety-nine ("twelve", "twenty-two"), or null. */
export function parseEnglishCardinal(word: string): number | null {
  const w = word.toLowerCase();
  const unit = EN_UNITS.indexOf(w);
  if (unit >= 0) return unit;
  const tens = EN_TENS.indexOf(w);
  if (tens > 1) return tens * 10;
  const [head = '', tail = ''] = w.split('-');
  const t = EN_TENS.indexOf(head);
  const u = EN_UNITS.indexOf(tail);
  if (t > 1 && u > 0 && u < 10) return t * 10 + u;
  return null;
}

function wordTable(parse: (word: string) => number | null): ReadonlyMap<string, number> {
  const table = new Map<string, number>();
  const words = [...EN_UNITS, ...EN_TENS, ...EN_ORDINAL_UNITS, ...EN_ORDINAL_TENS].filter((w) => w !== '');
  for (const tens of EN_TENS.slice(2)) {
    for (const unit of EN_UNITS.slice(1, 10)) words.push(`${tens}-${unit}`);
    for (const unit of EN_ORDINAL_UNITS.slice(1, 10)) words.push(`${tens}-${unit}`);
  }
  for (const word of words) {
    const value = parse(word);
    if (value !== null) table.set(word, value);
  }
  return table;
}

/** Lower-case English ordinal and cardinal words up to ninety-nine, with their values. */
export const EN_ORDINALS = wordTable(parseEnglishOrdinal);
export const EN_CARDINALS = wordTable(parseEnglishCardinal);

export const EN_MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
];

/** Month number (1–12) of an English month name or its usual abbreviation ("Sept.", "Dec"). */
export function parseEnglishMonth(word: string): number | null {
  const w = word.replace(/\.$/, '').toLowerCase();
  if (w.length < 3) return null;
  const index = EN_MONTHS.findIndex((m) => m.toLowerCase() === w || (w.length <= 4 && m.toLowerCase().startsWith(w)));
  return index < 0 ? null : index + 1;
}
