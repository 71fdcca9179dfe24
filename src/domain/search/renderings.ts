// Which renderings a selection got across a concordance: phrases of the aligned text that keep
// coming back in the hits' rows and are rare in the other rows of those documents (the contrast),
// grouped with how many hits use each. Word alignment would need a model; over a concordance, the
// contrast alone finds the renderings a reader would list (亚信 → "CICA", "the Conference on
// Interaction and Confidence-Building Measures in Asia").
import { searchFold } from './fold.ts';

export type AlignedLanguage = 'en' | 'zh';

export interface Rendering {
  /** As it reads in the text (its most frequent written form). */
  text: string;
  count: number;
  /** Indexes of the hits using it. */
  hits: number[];
}

export interface RenderingGroups {
  renderings: Rendering[];
  /** Hits with aligned text where no listed rendering was found. */
  other: number;
  /** Hits whose row has no aligned text yet. */
  untranslated: number;
}

const STOP = new Set(
  'a an the of and or to in on at by for with from as is are was were be been that this these those it its their his her our we they he she which who whom whose will would shall should can could may might has have had do does did not no but if than then so such also into over under between about after before during'.split(
    ' ',
  ),
);

interface Candidate {
  key: string;
  forms: Map<string, number>;
  docs: Set<number>;
}

/** English phrases of 1–5 words neither starting nor ending with a stop word; keys folded. */
function englishPhrases(text: string): Map<string, string> {
  const words = [...text.matchAll(/[A-Za-z0-9][A-Za-z0-9'’-]*/g)].map((m) => m[0]);
  const out = new Map<string, string>();
  for (let i = 0; i < words.length; i++) {
    for (let n = 1; n <= 5 && i + n <= words.length; n++) {
      const span = words.slice(i, i + n);
      if (STOP.has(span[0]!.toLowerCase()) || STOP.has(span[n - 1]!.toLowerCase())) continue;
      if (n === 1 && span[0]!.length < 3) continue;
      const form = span.join(' ');
      out.set(searchFold(form), form);
    }
  }
  return out;
}

/** Chinese strings of 2–8 characters inside runs of CJK characters (punctuation splits runs). */
function chinesePhrases(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const run of text.match(/[\u3400-\u9fff\uf900-\ufaff]+/g) ?? []) {
    const chars = Array.from(run);
    for (let i = 0; i < chars.length; i++) {
      for (let n = 2; n <= 8 && i + n <= chars.length; n++) {
        const form = chars.slice(i, i + n).join('');
        out.set(form, form);
      }
    }
  }
  return out;
}

function collect(texts: readonly string[], language: AlignedLanguage): Map<string, Candidate> {
  const candidates = new Map<string, Candidate>();
  texts.forEach((text, index) => {
    for (const [key, form] of language === 'en' ? englishPhrases(text) : chinesePhrases(text)) {
      let c = candidates.get(key);
      if (!c) candidates.set(key, (c = { key, forms: new Map(), docs: new Set() }));
      c.docs.add(index);
      c.forms.set(form, (c.forms.get(form) ?? 0) + 1);
    }
  });
  return candidates;
}

function contains(longer: string, shorter: string, language: AlignedLanguage): boolean {
  if (language === 'zh') return longer.includes(shorter);
  return ` ${longer} `.includes(` ${shorter} `);
}

/**
 * Groups the hits of a concordance by the rendering their aligned text uses.
 * `aligned[i]` is hit i's text in the other language ('' when the row has none); `background` is
 * the same for other rows of the hits' documents. A rendering must occur in at least two hits and
 * be markedly more common in the hits than around them.
 */
export function groupRenderings(aligned: readonly string[], background: readonly string[], language: AlignedLanguage, max = 8): RenderingGroups {
  const withText = aligned.map((t, i) => ({ t, i })).filter((x) => x.t.trim() !== '');
  const untranslated = aligned.length - withText.length;
  if (withText.length === 0) return { renderings: [], other: 0, untranslated };
  const hitTexts = withText.map((x) => x.t);
  const candidates = collect(hitTexts, language);
  const bgCandidates = collect(background, language);
  const h = hitTexts.length;
  const b = Math.max(background.length, 1);
  // A rendering is a wording that recurs: at least two hits.
  const minCount = 2;

  const scored = [...candidates.values()]
    .map((c) => {
      const inHits = c.docs.size / h;
      const inBackground = ((bgCandidates.get(c.key)?.docs.size ?? 0) + 0.5) / (b + 1);
      return { c, inHits, score: inHits * Math.log2(inHits / inBackground) };
    })
      .filter((x) => x.c.docs.size >= minCount && x.inHits > 2 * ((bgCandidates.get(x.c.key)?.docs.size ?? 0) / b) && x.score > 0);

  // Longer phrases holding a shorter one say more when, together, they cover (nearly) all its hits:
  // "strategic partnership" over "partnership", and "treaty of good-neighbourliness" and
  // "good-neighbour treaty" over "treaty".
  const kept = scored.filter((x) => {
    const covered = new Set<number>();
    for (const y of scored) {
      if (y !== x && y.c.docs.size >= minCount && y.c.key.length > x.c.key.length && contains(y.c.key, x.c.key, language)) {
        for (const d of y.c.docs) covered.add(d);
      }
    }
    return covered.size < 0.8 * x.c.docs.size;
  });
  kept.sort((x, y) => y.score - x.score || y.c.key.length - x.c.key.length || x.c.key.localeCompare(y.c.key));

  const assigned = new Set<number>();
  const renderings: Rendering[] = [];
  for (const { c } of kept) {
    if (renderings.length >= max) break;
    const hits = [...c.docs].filter((d) => !assigned.has(d));
    if (hits.length < minCount) continue;
    for (const d of hits) assigned.add(d);
    const text = [...c.forms.entries()].sort((p, q) => q[1] - p[1] || p[0].localeCompare(q[0]))[0]![0];
    renderings.push({ text, count: hits.length, hits: hits.map((d) => withText[d]!.i).sort((p, q) => p - q) });
  }
  renderings.sort((p, q) => q.count - p.count || p.text.localeCompare(q.text));
  return { renderings, other: withText.length - assigned.size, untranslated };
}
