/** Date forms found in exports: 2014-05-20, 2014/5/20, 2014.05.20, 2014年5月20日, full-width digits, 二〇一四年五月二十日. */

const FULL_WIDTH_ASCII = /[\uff01-\uff5e]/g;

/** Full-width digits, letters and ASCII punctuation (０-９, －, ／, ．, ：) to their ASCII forms. */
export function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  〇: 0, 零: 0, '○': 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** 二〇一四 → 2014 (digit by digit); 十九 → 19, 二十 → 20, 三十一 → 31 (tens form). */
function chineseToNumber(text: string): number | null {
  if (text.includes('十')) {
    const [tens, units] = text.split('十') as [string, string];
    const t = tens === '' ? 1 : CHINESE_DIGITS[tens];
    const u = units === '' ? 0 : CHINESE_DIGITS[units];
    if (t === undefined || u === undefined || tens.length > 1 || units.length > 1) return null;
    return t * 10 + u;
  }
  let value = 0;
  for (const c of text) {
    const d = CHINESE_DIGITS[c];
    if (d === undefined) return null;
    value = value * 10 + d;
  }
  return value;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const NUMERIC_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const CHINESE_DATE = /^([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/;

/** The ISO date at the start of `raw`, or null when there is none or it does not exist (2014-02-30). */
export function parseDate(raw: string): string | null {
  const text = toHalfWidth(raw).trim();
  const numeric = NUMERIC_DATE.exec(text) ?? COMPACT_DATE.exec(text);
  if (numeric) return isoDate(Number(numeric[1]), Number(numeric[2]), Number(numeric[3]));
  const chinese = CHINESE_DATE.exec(text);
  if (chinese) {
    const [year, month, day] = [chineseToNumber(chinese[1]!), chineseToNumber(chinese[2]!), chineseToNumber(chinese[3]!)];
    if (year === null || month === null || day === null) return null;
    return isoDate(year, month, day);
  }
  return null;
}
