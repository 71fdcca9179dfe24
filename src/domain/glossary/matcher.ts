// Finding glossary terms: Chinese terms in a paragraph by longest match (a character trie, so a
// paragraph is scanned once whatever the size of the glossary), and English renderings in a
// translation (whole words, any case, spaces and hyphens interchangeable, a plural allowed).

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
  next: Map<string, TrieNode<T>> | undefined;
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
      const ch = zh[i]!;
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
        let node = top.get(text[i]!);
        let best: T | undefined;
        let bestEnd = i;
        let j = i + 1;
        while (node) {
          if (node.term) {
            best = node.term;
            bestEnd = j;
          }
          if (!node.next || j >= text.length) break;
          node = node.next.get(text[j]!);
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

const patterns = new Map<string, RegExp | null>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The pattern finding an English rendering in a translation (cached). */
function renderingPattern(rendering: string): RegExp | null {
  const cached = patterns.get(rendering);
  if (cached !== undefined) return cached;
  const words = rendering.trim().split(/[\s-]+/).filter(Boolean);
  let pattern: RegExp | null = null;
  if (words.length > 0) {
    const body = words.map(escapeRegExp).join('[\\s\\u00a0-]+');
    // A plural or possessive of the last word still counts (partnership → partnerships, CICA's).
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?:s|es|'s|’s)?(?![\\p{L}\\p{N}])`, 'giu');
  }
  // A glossary of tens of thousands of renderings stays compiled; beyond, start again.
  if (patterns.size > 100_000) patterns.clear();
  patterns.set(rendering, pattern);
  return pattern;
}

/** Where `rendering` occurs in `text` (UTF-16 ranges), as a whole phrase, whatever the case. */
export function findRendering(text: string, rendering: string): Array<{ start: number; end: number }> {
  const pattern = renderingPattern(rendering);
  if (!pattern) return [];
  const out: Array<{ start: number; end: number }> = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
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
