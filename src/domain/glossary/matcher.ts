// Finding glossary terms: Chinese terms in a paragraph by longest match (a character trie, so a
// paragraph is scanned once whatever the size of the glossary), and English renderings in a
// translation (whole words, any case, spaces and hyphens interchangeable, a plural allowed).
import { isLetterOrDigitAt } from '../text/index.ts';

/** What matching needs of a glossary entry. */
export interface MatchableTerm {
  id: string;
  zh: string;
  /** English renderings, the preferred one first. */
  en: readonly string[];
  /** Renderings that must not be used. */
  forbidden: readonly string[];
}

export interface TermMatch<T extends MatchableTerm = MatchableTerm> {
  term: T;
  /** UTF-16 offsets in the text. */
  start: number;
  end: number;
}

interface TrieNode<T> {
  /** Children by UTF-16 code unit (numbers, so that scanning a text allocates no one-character strings). */
  next: Map<number, TrieNode<T>> | undefined;
  term: T | undefined;
}

export interface GlossaryMatcher<T extends MatchableTerm = MatchableTerm> {
  readonly size: number;
  /** Every term in `text`, left to right; at each place the longest term wins, and matches never overlap. */
  match(text: string): TermMatch<T>[];
}

/** Chinese terms are compared with their spaces removed (全面 战略 = 全面战略). */
export function normaliseZhTerm(zh: string): string {
  return zh.normalize('NFC').replace(/[\s\u3000]+/g, '');
}

export function buildGlossaryMatcher<T extends MatchableTerm>(terms: readonly T[]): GlossaryMatcher<T> {
  const root: TrieNode<T> = { next: undefined, term: undefined };
  let size = 0;
  for (const term of terms) {
    const zh = normaliseZhTerm(term.zh);
    if (zh === '') continue;
    let node = root;
    for (let i = 0; i < zh.length; i++) {
      const ch = zh.charCodeAt(i);
      node.next ??= new Map();
      let child = node.next.get(ch);
      if (!child) {
        child = { next: undefined, term: undefined };
        node.next.set(ch, child);
      }
      node = child;
    }
    // Two entries for the same Chinese: the first one (the list's order) is the one marked.
    if (!node.term) {
      node.term = term;
      size++;
    }
  }
  return {
    size,
    match(text) {
      const out: TermMatch<T>[] = [];
      const top = root.next;
      if (!top) return out;
      for (let i = 0; i < text.length; ) {
        let node = top.get(text.charCodeAt(i));
        let best: T | undefined;
        let bestEnd = i;
        let j = i + 1;
        while (node) {
          if (node.term) {
            best = node.term;
            bestEnd = j;
          }
          if (!node.next || j >= text.length) break;
          node = node.next.get(text.charCodeAt(j));
          j++;
        }
        if (best) {
          out.push({ term: best, start: i, end: bestEnd });
          i = bestEnd;
        } else i++;
      }
      return out;
    },
  };
}

interface RenderingPattern {
  /** The rendering's words, any case, spaces and hyphens between them interchangeable. */
  source: string;
  /** Compiled the first time a text passes the quick test. */
  pattern: RegExp | undefined;
  /**
   * A word the text must contain (lowercased) for the pattern to have a chance: the longest ASCII
   * word of the rendering. Most terms of a row are absent from its English, and a substring search
   * rules them out far faster than the pattern would (and spares compiling it).
   */
  needle: string;
}

const patterns = new Map<string, RenderingPattern | null>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** What finds an English rendering in a translation (cached). */
function renderingPattern(rendering: string): RenderingPattern | null {
  const cached = patterns.get(rendering);
  if (cached !== undefined) return cached;
  const words = rendering.trim().split(/[\s-]+/).filter(Boolean);
  let compiled: RenderingPattern | null = null;
  if (words.length > 0) {
    let needle = '';
    for (const word of words) if (word.length > needle.length && PRINTABLE_ASCII.test(word)) needle = word.toLowerCase();
    compiled = { source: words.map(escapeRegExp).join('[\\s\\u00a0-]+'), pattern: undefined, needle };
  }
  // A glossary of tens of thousands of renderings stays cached; beyond, start again.
  if (patterns.size > 100_000) patterns.clear();
  patterns.set(rendering, compiled);
  return compiled;
}

/**
 * A text lowercased as the renderings' quick test needs it (long s as s, which the patterns' case
 * folding equates): compute it once per text when looking for many renderings.
 */
export function foldForRendering(text: string): string {
  const lower = text.toLowerCase();
  return lower.includes('ſ') ? lower.replaceAll('ſ', 's') : lower;
}

/** Whether the character ending just before `at` is a letter or a digit. */
function wordCharBefore(text: string, at: number): boolean {
  if (at <= 0) return false;
  const code = text.charCodeAt(at - 1);
  const isLowSurrogate = code >= 0xdc00 && code <= 0xdfff && at >= 2;
  return isLetterOrDigitAt(text, isLowSurrogate ? at - 2 : at - 1);
}

/** A plural or possessive of the last word still counts (partnership → partnerships, CICA's), tried in this order. */
const SUFFIXES = ['s', 'es', "'s", '’s', ''];

/**
 * Every whole-phrase occurrence of a rendering: the words, not inside a longer word, optionally
 * followed by a plural or possessive ending. (Unicode letter classes around the words in the
 * pattern itself would make it fifty times slower to compile and run: the edges are checked here.)
 */
function eachOccurrence(text: string, pattern: RegExp, found: (start: number, end: number) => boolean): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const start = m.index;
    const bodyEnd = start + m[0].length;
    let end = -1;
    if (!wordCharBefore(text, start)) {
      const after = text.slice(bodyEnd, bodyEnd + 2).toLowerCase();
      for (const suffix of SUFFIXES) {
        if (!after.startsWith(suffix)) continue;
        if (!isLetterOrDigitAt(text, bodyEnd + suffix.length)) {
          end = bodyEnd + suffix.length;
          break;
        }
      }
    }
    if (end < 0) {
      pattern.lastIndex = start + 1;
      continue;
    }
    if (!found(start, end)) break;
    pattern.lastIndex = end;
  }
  pattern.lastIndex = 0;
}

/** The compiled pattern of a rendering, or null when `text` cannot contain it. */
function patternFor(text: string, rendering: string, folded: string | undefined): RegExp | null {
  const compiled = renderingPattern(rendering);
  if (!compiled) return null;
  if (compiled.needle !== '' && !(folded ?? foldForRendering(text)).includes(compiled.needle)) return null;
  compiled.pattern ??= new RegExp(compiled.source, 'giu');
  return compiled.pattern;
}

/**
 * Where `rendering` occurs in `text` (UTF-16 ranges), as a whole phrase, whatever the case.
 * `folded` is `foldForRendering(text)`, when the caller has it already.
 */
export function findRendering(text: string, rendering: string, folded?: string): Array<{ start: number; end: number }> {
  const pattern = patternFor(text, rendering, folded);
  const out: Array<{ start: number; end: number }> = [];
  if (pattern) eachOccurrence(text, pattern, (start, end) => out.push({ start, end }) > 0);
  return out;
}

/** Whether `rendering` occurs in `text` at all (see findRendering). */
export function hasRendering(text: string, rendering: string, folded?: string): boolean {
  const pattern = patternFor(text, rendering, folded);
  let found = false;
  if (pattern) {
    eachOccurrence(text, pattern, () => {
      found = true;
      return false;
    });
  }
  return found;
}

/** The preferred English of a term (its first rendering), or '' when it has none. */
export function preferredRendering(term: MatchableTerm): string {
  return term.en[0]?.trim() ?? '';
}

/** The entry a Term note stands for: its quote, and the first line of its text as the English. */
export function termFromNote(note: { quote_exact?: string | null | undefined; body_text?: string | null | undefined }): { zh: string; en: string[]; note: string } | null {
  const zh = (note.quote_exact ?? '').replace(/[\s\u3000]+/g, '');
  if (!zh || zh.length > 200) return null;
  const [first = '', ...rest] = (note.body_text ?? '').split('\n');
  // "CICA — the Conference on …": the rendering is what comes before a dash or colon.
  const en = first.split(/\s+[—–-]\s+|[:：]\s*/)[0]!.trim();
  return { zh, en: en && en.length <= 200 ? [en] : [], note: [first.slice(en.length).replace(/^\s*[—–:：-]\s*/, ''), ...rest].join('\n').trim() };
}
