// QA checks of one row (Chinese source, English translation): pure functions, cheap enough to run on
// every keystroke, and over a whole document in a Worker.
import { extractEnLandmarks, extractZhLandmarks, type Mention } from '../align/index.ts';
import { findRendering, preferredRendering, type GlossaryMatcher, type MatchableTerm } from '../glossary/index.ts';
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
  const out: QaFinding[] = [];
  const seen = new Set<string>();
  for (const match of glossary.match(zh)) {
    const { term } = match;
    if (seen.has(term.id)) continue;
    seen.add(term.id);
    const preferred = preferredRendering(term);
    const before = out.length;
    for (const forbidden of term.forbidden) {
      for (const hit of findRendering(en, forbidden)) {
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
    if (out.length > before || preferred === '' || en.trim() === '') continue;
    if (term.en.some((rendering) => rendering.trim() !== '' && findRendering(en, rendering).length > 0)) continue;
    out.push(finding('glossary', 'term-missing', 'warning', [{ side: 'zh', start: match.start, end: match.end }], { zh: term.zh, preferred }, term.zh));
  }
  return out;
}

// ─── untranslated, Chinese left in the English ─────────────────────────────────────────────────

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]+/gu;
const CJK_CHAR = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/gu;

function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The Chinese copied into the English, or characters of it left there. */
export function checkUntranslated(zh: string, en: string): QaFinding[] {
  const english = en.trim();
  if (english === '') return [];
  const cjk = english.match(CJK_CHAR)?.length ?? 0;
  const letters = english.replace(/[\s\p{P}\p{S}\d]/gu, '').length;
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

export function checkFullWidth(en: string): QaFinding[] {
  const out: QaFinding[] = [];
  for (const m of en.matchAll(FULL_WIDTH)) {
    // Chinese characters are reported by the CJK check; ideographic punctuation around them is theirs.
    out.push(finding('full-width', 'full-width', 'warning', [{ side: 'en', start: m.index, end: m.index + m[0].length }], { text: m[0] }, m[0]));
  }
  return out;
}

// ─── typography ────────────────────────────────────────────────────────────────────────────────

const DOUBLED = /(?<![\p{L}\p{N}'’-])([\p{L}\p{N}]+)[ \t\u00a0]+\1(?![\p{L}\p{N}'’-])/giu;
/** Doubled words English allows ("had had", "that that"). */
const DOUBLING_ALLOWED = new Set(['had', 'that', 'bye', 'so']);

export function checkDoubledWords(en: string): QaFinding[] {
  const out: QaFinding[] = [];
  for (const m of en.matchAll(DOUBLED)) {
    const word = m[1]!;
    if (DOUBLING_ALLOWED.has(word.toLowerCase()) || /^\d+$/.test(word)) continue;
    out.push(finding('doubled-word', 'doubled-word', 'warning', [{ side: 'en', start: m.index, end: m.index + m[0].length }], { word }, word.toLowerCase()));
  }
  return out;
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** Brackets opened and not closed, or closed and not opened; double quotes left unpaired. */
export function checkBalance(en: string): QaFinding[] {
  const out: QaFinding[] = [];
  const stack: Array<{ ch: string; at: number }> = [];
  for (let i = 0; i < en.length; i++) {
    const ch = en[i]!;
    if (OPENERS[ch]) stack.push({ ch, at: i });
    else if (CLOSERS[ch]) {
      if (stack.at(-1)?.ch === CLOSERS[ch]) stack.pop();
      // "1) …", "a) …" list labels close nothing on purpose.
      else if (!/(?:^|\s)[\da-z]{1,2}$/i.test(en.slice(Math.max(0, i - 3), i))) {
        out.push(finding('brackets', 'bracket-unopened', 'warning', [{ side: 'en', start: i, end: i + 1 }], { bracket: ch }, `${ch}${i}`));
      }
    }
  }
  for (const open of stack) {
    out.push(finding('brackets', 'bracket-unclosed', 'warning', [{ side: 'en', start: open.at, end: open.at + 1 }], { bracket: open.ch }, `${open.ch}${open.at}`));
  }
  // Curly quotes pair by direction; straight double quotes by count.
  const curly: number[] = [];
  for (let i = 0; i < en.length; i++) {
    if (en[i] === '“') curly.push(i);
    else if (en[i] === '”') {
      if (curly.length) curly.pop();
      else out.push(finding('quotes', 'quote-unbalanced', 'warning', [{ side: 'en', start: i, end: i + 1 }], { quote: '”' }, `”${i}`));
    }
  }
  for (const at of curly) out.push(finding('quotes', 'quote-unbalanced', 'warning', [{ side: 'en', start: at, end: at + 1 }], { quote: '“' }, `“${at}`));
  const straight = [...en.matchAll(/"/g)].map((m) => m.index);
  if (straight.length % 2 === 1) {
    const at = straight.at(-1)!;
    out.push(finding('quotes', 'quote-unbalanced', 'warning', [{ side: 'en', start: at, end: at + 1 }], { quote: '"' }, `"${at}`));
  }
  return out;
}

export function checkSpaces(en: string): QaFinding[] {
  if (en.trim() === '') return [];
  const out: QaFinding[] = [];
  const lead = /^[ \t\u00a0\u3000]+/.exec(en);
  if (lead) out.push(finding('spaces', 'space-leading', 'warning', [{ side: 'en', start: 0, end: lead[0].length }]));
  const trail = /[ \t\u00a0\u3000]+$/.exec(en);
  if (trail) out.push(finding('spaces', 'space-trailing', 'warning', [{ side: 'en', start: trail.index, end: en.length }]));
  for (const m of en.matchAll(/(?<=\S) {2,}(?=\S)/g)) {
    out.push(finding('spaces', 'space-double', 'warning', [{ side: 'en', start: m.index, end: m.index + m[0].length }], {}, String(m.index)));
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

/** Every check on one row, errors first, then by position in the English. */
export function checkRow(input: QaRowInput): QaFinding[] {
  const { zh, en } = input;
  if (zh.trim() === '') return [];
  if (en.trim() === '') return [finding('empty', 'empty', 'warning', [])];
  const out = [
    ...checkUntranslated(zh, en),
    ...checkNumbers(zh, en),
    ...checkGlossary(zh, en, input.glossary),
    ...checkConsistency(en, input.elsewhere),
    ...checkDoubledWords(en),
    ...checkBalance(en),
    ...checkFullWidth(en),
    ...checkSpaces(en),
  ];
  const firstEn = (f: QaFinding) => f.spans.find((s) => s.side === 'en')?.start ?? -1;
  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || firstEn(a) - firstEn(b));
}
