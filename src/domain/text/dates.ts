// Dates as exports write them: 2014-05-20, 2014/5/20, 2014.05.20, 20140520, 2014年5月20日, with
// full-width digits (２０１４年１１月１５日), or in Chinese numerals (二〇一四年五月二十日, 二○一四年…).

import { toHalfWidth } from './full-width.ts';
import { parseChineseNumber, ZH_DIGIT_CHARS } from './numerals.ts';

/** YYYY-MM-DD for a date that exists (no 2014-02-30), else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const NUMERIC_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const CHINESE_DATE = new RegExp(`^([${ZH_DIGIT_CHARS}]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日`);

/** The ISO date at the start of `raw`, or null when there is none or it does not exist (2014-02-30). */
export function parseDate(raw: string): string | null {
  const text = toHalfWidth(raw).trim();
  const numeric = NUMERIC_DATE.exec(text) ?? COMPACT_DATE.exec(text);
  if (numeric) return isoDate(Number(numeric[1]), Number(numeric[2]), Number(numeric[3]));
  const chinese = CHINESE_DATE.exec(text);
  if (chinese) {
    const [year, month, day] = [parseChineseNumber(chinese[1]!), parseChineseNumber(chinese[2]!), parseChineseNumber(chinese[3]!)];
    if (year === null || month === null || day === null) return null;
    return isoDate(year, month, day);
  }
  return null;
}
