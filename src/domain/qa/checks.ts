// QA checks of one row (Chinese source, English translation): pure functions, cheap enough to run on
// every keystroke, and over a whole document in a Worker.
import { extractEnLandmarks, extractZhLandmarks, type Mention } from '../align/index.ts';
import { findRendering, foldForRendering, hasRendering, preferredRendering, type GlossaryMatcher, type MatchableTerm } from '../glossary/index.ts';
import { isLetterOrDigitAt } from '../text/index.ts';
import type { QaCode, QaFinding, QaKind, QaSeverity, QaSpan } from './types.ts';

export interface QaRowInput {
  /** The Chinese of the row (a merged row's paragraphs joined by "\n"). */
  zh: string;
  /** The English as plain text. */
  en: string;
  glossary?: GlossaryMatcher<MatchableTerm> | undefined;
  /**
   * Other translations of the same Chinese elsewhere (the document, the project), with where they
   * are, for the consistency check.
   */
  elsewhere?: ReadonlyArray<{ text: string; where: string }> | undefined;
}

function finding(
  kind: QaKind,
  code: QaCode,
  severity: QaSeverity,
  spans: QaSpan[],
  params: Record<string, string | number> = {},
  key = '',
): QaFinding {
  return { kind, code, severity, spans, params, fingerprint: `${code}|${key}` };
}

// ─── numbers, dates, percentages ───────────────────────────────────────────────────────────────

const NUMERIC_KINDS = new Set(['number', 'date', 'percent', 'ordinal']);

function numericMentions(mentions: Mention[]): Mention[] {
  return mentions.filter((m) => NUMERIC_KINDS.has(m.kind));
}

type NumericKind = 'number' | 'date' | 'percent' | 'ordinal';

function missingCode(kind: NumericKind, different: boolean): QaCode {
  if (kind === 'ordinal') return 'ordinal-missing';
  return `${kind}-${different ? 'different' : 'missing'}` as QaCode;
}

/**
 * Every number, date and percentage of the Chinese must be in the English with the same value
 * (2014年5月19日 ↔ 19 May 2014, 400亿 ↔ 40 billion, 百分之五十 ↔ 50 %), through the aligner's
 * extractors; a number in the English that the Chinese does not have is reported too.
 */
export function checkNumbers(zh: string, en: string): QaFinding[] {
  const zhMentions = numericMentions(extractZhLandmarks(zh));
  const enMentions = numericMentions(extractEnLandmarks(en));
  if (zhMentions.length === 0 && enMentions.length === 0) return [];
  const enKeys = new Set(enMentions.flatMap((m) => m.keys));
  const zhKeys = new Set(zhMentions.flatMap((m) => m.keys));
  const out: QaFinding[] = [];
  const unmatchedEn = enMentions.filter((m) => !m.keys.every((k) => zhKeys.has(k)));
  const usedEn = new Set<Mention>();
  for (const m of zhMentions) {
    if (m.keys.every((k) => enKeys.has(k))) continue;
    const kind = m.kind as NumericKind;
    // An English mention of the same kind that matches nothing is most likely the wrong rendering.
    const counterpart = unmatchedEn.find((e) => !usedEn.has(e) && (e.kind === kind || (kind === 'number' && e.kind === 'percent')));
    if (counterpart) usedEn.add(counterpart);
    const spans: QaSpan[] = [{ side: 'zh', start: m.at, end: m.at + m.length }];
    if (counterpart) spans.push({ side: 'en', start: counterpart.at, end: counterpart.at + counterpart.length });
    out.push(
      finding(
        'number',
        missingCode(kind, !!counterpart),
        kind === 'ordinal' ? 'warning' : 'error',
        spans,
        counterpart ? { zh: m.surface, en: counterpart.surface } : { zh: m.surface },
        m.surface + (counterpart ? `→${counterpart.surface}` : ''),
      ),
    );
  }
  for (const e of unmatchedEn) {
    if (usedEn.has(e) || e.kind === 'ordinal') continue;
    out.push(finding('number', 'number-extra', 'warning', [{ side: 'en', start: e.at, end: e.at + e.length }], { en: e.surface }, e.surface));
  }
  return out;
}

// ─── glossary ──────────────────────────────────────────────────────────────────────────────────

/** Glossary terms of the Chinese whose English is absent, or whose forbidden rendering is used. */
export function checkGlossary(zh: string, en: string, glossary: GlossaryMatcher<MatchableTerm> | undefined): QaFinding[] {
  if (!glossary || glossary.size === 0) return [];
  const matches = glossary.match(zh);
  if (matches.length === 0) return [];
  const out: QaFinding[] = [];
  const seen = new Set<string>();
  const folded = foldForRendering(en);
  const blank = en.trim() === '';
  for (const match of matches) {
    const { term } = match;
    if (seen.has(term.id)) continue;
    seen.add(term.id);
    const preferred = preferredRendering(term);
    const before = out.length;
    for (const forbidden of term.forbidden) {
      for (const hit of findRendering(en, forbidden, folded)) {
        out.push(
          finding(
            'glossary',
            'term-forbidden',
            'error',
            [
              { side: 'zh', start: match.start, end: match.end },
              { side: 'en', start: hit.start, end: hit.end },
            ],
            { zh: term.zh, en: en.slice(hit.start, hit.end), preferred },
            `${term.zh}|${forbidden.toLowerCase()}`,
          ),
        );
      }
    }
    // A forbidden rendering is the finding to fix; its message names the preferred one.
    if (out.length > before || preferred === '' || blank) continue;
    if (term.en.some((rendering) => rendering.trim() !== '' && hasRendering(en, rendering, folded))) continue;
    out.push(finding('glossary', 'term-missing', 'warning', [{ side: 'zh', start: match.start, end: match.end }], { zh: term.zh, preferred }, term.zh));
  }
  return out;
}

// ─── untranslated, Chinese left in the English ─────────────────────────────────────────────────

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]+/gu;
const CJK_CHAR = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/gu;
const HAS_CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/u;
const NOT_LETTER = /[\s\p{P}\p{S}\d]/gu;

/** Runs of white space other than one plain space between words. */
const UNEVEN_SPACE = /[^\S ]| {2}|^ | $/;

/** White space collapsed to one space and trimmed (the text itself when it has nothing to collapse). */
export function normaliseSpace(text: string): string {
  return UNEVEN_SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

/** The Chinese copied into the English, or characters of it left there. */
export function checkUntranslated(zh: string, en: string): QaFinding[] {
  const english = en.trim();
  if (english === '') return [];
  // The usual case, English without a Chinese character: untranslated only if the source has none
  // either and the two are the same text.
  if (!HAS_CJK.test(english)) {
    if (HAS_CJK.test(zh) || normaliseSpace(en) !== normaliseSpace(zh)) return [];
    const start = en.indexOf(english);
    return [finding('untranslated', 'untranslated', 'error', [{ side: 'en', start, end: start + english.length }])];
  }
  const cjk = english.match(CJK_CHAR)?.length ?? 0;
  const letters = english.replace(NOT_LETTER, '').length;
  if (normaliseSpace(en) === normaliseSpace(zh) || (letters > 0 && cjk / letters >= 0.5)) {
    const start = en.indexOf(english);
    return [finding('untranslated', 'untranslated', 'error', [{ side: 'en', start, end: start + english.length }])];
  }
  const out: QaFinding[] = [];
  CJK.lastIndex = 0;
  for (const m of en.matchAll(CJK)) {
    out.push(finding('cjk', 'cjk', 'error', [{ side: 'en', start: m.index, end: m.index + m[0].length }], { text: m[0] }, m[0]));
  }
  return out;
}

// Ideographic punctuation (、。〈〉《》「」【】〔〕…) and full-width forms (，：；！？（）０-９Ａ-Ｚ…).
const FULL_WIDTH = /[\u3000-\u303f\uff01-\uff5e]+/g;

const HAS_FULL_WIDTH = /[\u3000-\u303f\uff01-\uff5e]/;

export function checkFullWidth(en: string): QaFinding[] {
  if (!HAS_FULL_WIDTH.test(en)) return [];
  const out: QaFinding[] = [];
  for (const m of en.matchAll(FULL_WIDTH)) {
    // Chinese characters are reported by the CJK check; ideographic punctuation around them is theirs.
    out.push(finding('full-width', 'full-width', 'warning', [{ side: 'en', start: m.index, end: m.index + m[0].length }], { text: m[0] }, m[0]));
  }
  return out;
}

// ─── typography ────────────────────────────────────────────────────────────────────────────────

/** Doubled words English allows ("had had", "that that"). */
const DOUBLING_ALLOWED = new Set(['had', 'that', 'bye', 'so']);

/** 1 for a letter or digit, 2 for the apostrophes and hyphen that join words, 0 otherwise. */
function wordClass(code: number, text: string, at: number): 0 | 1 | 2 {
  if (code === 0x27 || code === 0x2d || code === 0x2019) return 2;
  return isLetterOrDigitAt(text, at) ? 1 : 0;
}

const isGapSpace = (code: number) => code === 0x20 || code === 0x09 || code === 0xa0;

/**
 * The same word twice in a row ("the the"), whatever the case, separated by spaces only; a word
 * joined to another by an apostrophe or a hyphen ("well-being being") does not count.
 */
export function checkDoubledWords(en: string): QaFinding[] {
  const out: QaFinding[] = [];
  // The previous word: where it starts and ends, or -1 when it cannot be the first of a pair.
  let prevStart = -1;
  let prevEnd = -1;
  let i = 0;
  const n = en.length;
  while (i < n) {
    const code = en.charCodeAt(i);
    const cls = wordClass(code, en, i);
    if (cls === 0) {
      i += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
      continue;
    }
    // A run of word characters (with joiners): a candidate word only if it has no joiner.
    const start = i;
    let joined = false;
    while (i < n) {
      const c = en.charCodeAt(i);
      const k = wordClass(c, en, i);
      if (k === 0) break;
      if (k === 2) joined = true;
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
    const end = i;
    if (joined) {
      prevStart = -1;
      continue;
    }
    let paired = false;
    if (prevStart >= 0 && end - start === prevEnd - prevStart && start > prevEnd) {
      let gap = true;
      for (let g = prevEnd; g < start; g++) if (!isGapSpace(en.charCodeAt(g))) { gap = false; break; }
      if (gap) {
        const word = en.slice(prevStart, prevEnd);
        // Case-blind as the glossary's renderings are (long s as s).
        if (foldForRendering(word) === foldForRendering(en.slice(start, end))) {
          paired = true;
          const lower = word.toLowerCase();
          if (!DOUBLING_ALLOWED.has(lower) && !/^\d+$/.test(word)) {
            out.push(finding('doubled-word', 'doubled-word', 'warning', [{ side: 'en', start: prevStart, end }], { word }, lower));
          }
        }
      }
    }
    // A pair's second word does not start another pair ("the the the" is one finding).
    if (paired) prevStart = -1;
    else {
      prevStart = start;
      prevEnd = end;
    }
  }
  return out;
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

const BRACKET_OR_QUOTE = /[()[\]{}"“”]/;

/** Brackets opened and not closed, or closed and not opened; double quotes left unpaired. */
export function checkBalance(en: string): QaFinding[] {
  if (!BRACKET_OR_QUOTE.test(en)) return [];
  const out: QaFinding[] = [];
  const stack: Array<{ ch: string; at: number }> = [];
  const curly: number[] = [];
  const straight: number[] = [];
  for (let i = 0; i < en.length; i++) {
    const code = en.charCodeAt(i);
    // Only ( ) [ ] { } " and the curly double quotes matter: everything else is passed over cheaply.
    if (code !== 0x28 && code !== 0x29 && code !== 0x5b && code !== 0x5d && code !== 0x7b && code !== 0x7d && code !== 0x22 && code !== 0x201c && code !== 0x201d) continue;
    const ch = en[i]!;
    if (OPENERS[ch]) stack.push({ ch, at: i });
    else if (CLOSERS[ch]) {
      if (stack.at(-1)?.ch === CLOSERS[ch]) stack.pop();
      // "1) …", "a) …" list labels close nothing on purpose.
      else if (!/(?:^|\s)[\da-z]{1,2}$/i.test(en.slice(Math.max(0, i - 3), i))) {
        out.push(finding('brackets', 'bracket-unopened', 'warning', [{ side: 'en', start: i, end: i + 1 }], { bracket: ch }, `${ch}${i}`));
      }
    } else if (code === 0x201c) curly.push(i);
    else if (code === 0x201d) {
      // Curly quotes pair by direction; straight double quotes by count.
      if (curly.length) curly.pop();
      else out.push(finding('quotes', 'quote-unbalanced', 'warning', [{ side: 'en', start: i, end: i + 1 }], { quote: '”' }, `”${i}`));
    } else straight.push(i);
  }
  for (const open of stack) {
    out.push(finding('brackets', 'bracket-unclosed', 'warning', [{ side: 'en', start: open.at, end: open.at + 1 }], { bracket: open.ch }, `${open.ch}${open.at}`));
  }
  for (const at of curly) out.push(finding('quotes', 'quote-unbalanced', 'warning', [{ side: 'en', start: at, end: at + 1 }], { quote: '“' }, `“${at}`));
  if (straight.length % 2 === 1) {
    const at = straight.at(-1)!;
    out.push(finding('quotes', 'quote-unbalanced', 'warning', [{ side: 'en', start: at, end: at + 1 }], { quote: '"' }, `"${at}`));
  }
  return out;
}

const isEdgeSpace = (code: number) => code === 0x20 || code === 0x09 || code === 0xa0 || code === 0x3000;
const DOUBLE_SPACE = /(?<=\S) {2,}(?=\S)/g;

export function checkSpaces(en: string): QaFinding[] {
  const n = en.length;
  let lead = 0;
  while (lead < n && isEdgeSpace(en.charCodeAt(lead))) lead++;
  let trail = n;
  while (trail > lead && isEdgeSpace(en.charCodeAt(trail - 1))) trail--;
  const hasDouble = en.includes('  ');
  if (lead === 0 && trail === n && !hasDouble) return [];
  if (en.trim() === '') return [];
  const out: QaFinding[] = [];
  if (lead > 0) out.push(finding('spaces', 'space-leading', 'warning', [{ side: 'en', start: 0, end: lead }]));
  if (trail < n) out.push(finding('spaces', 'space-trailing', 'warning', [{ side: 'en', start: trail, end: n }]));
  if (hasDouble) {
    for (const m of en.matchAll(DOUBLE_SPACE)) {
      out.push(finding('spaces', 'space-double', 'warning', [{ side: 'en', start: m.index, end: m.index + m[0].length }], {}, String(m.index)));
    }
  }
  return out;
}

// ─── consistency ───────────────────────────────────────────────────────────────────────────────

/** The same Chinese translated another way elsewhere (each different rendering once). */
export function checkConsistency(en: string, elsewhere: QaRowInput['elsewhere']): QaFinding[] {
  if (!elsewhere?.length || en.trim() === '') return [];
  const mine = normaliseSpace(en);
  const others = new Map<string, string[]>();
  for (const other of elsewhere) {
    const text = normaliseSpace(other.text);
    if (text === '' || text === mine) continue;
    others.set(text, [...(others.get(text) ?? []), other.where]);
  }
  return [...others].map(([text, where]) =>
    finding('inconsistent', 'inconsistent', 'warning', [{ side: 'en', start: 0, end: en.length }], { other: text, where: where.join(', ') }, text),
  );
}

// ─── a row ─────────────────────────────────────────────────────────────────────────────────────

const SEVERITY_ORDER: Record<QaSeverity, number> = { error: 0, warning: 1 };

const firstEn = (f: QaFinding) => {
  for (const s of f.spans) if (s.side === 'en') return s.start;
  return -1;
};
const byOrder = (a: QaFinding, b: QaFinding) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || firstEn(a) - firstEn(b);

function append(out: QaFinding[], found: QaFinding[]): void {
  for (let i = 0; i < found.length; i++) out.push(found[i]!);
}

/** Every check on one row, errors first, then by position in the English. */
export function checkRow(input: QaRowInput): QaFinding[] {
  const { zh, en } = input;
  if (zh.trim() === '') return [];
  if (en.trim() === '') return [finding('empty', 'empty', 'warning', [])];
  const out: QaFinding[] = [];
  append(out, checkUntranslated(zh, en));
  append(out, checkNumbers(zh, en));
  append(out, checkGlossary(zh, en, input.glossary));
  append(out, checkConsistency(en, input.elsewhere));
  append(out, checkDoubledWords(en));
  append(out, checkBalance(en));
  append(out, checkFullWidth(en));
  append(out, checkSpaces(en));
  return out.length > 1 ? out.sort(byOrder) : out;
}
