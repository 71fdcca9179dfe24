// Sentence-level alignment inside a paragraph alignment: each paragraph link's sentences are
// aligned among themselves (Chinese sentences end at 。！？； and closing quotes; English ones at
// . ! ? outside abbreviations), so a sentence never crosses the paragraph links around it.

import { align } from './align.ts';
import { splitEnSentences, splitZhSentences } from './split.ts';
import type { AlignOptions, Link, LinkSpec } from './types.ts';

export interface SentenceAlignment {
  /** The sentences of each side, in order, and the paragraph each comes from. */
  zh: string[];
  en: string[];
  zhParagraph: number[];
  enParagraph: number[];
  /** Links between sentences (indices into zh and en above). */
  links: Link[];
  ratio: number;
}

/** Sentences of paragraphs, each with its paragraph index. */
function sentencesOf(paragraphs: readonly string[], split: (p: string) => string[]): { texts: string[]; paragraph: number[]; start: number[] } {
  const texts: string[] = [];
  const paragraph: number[] = [];
  const start: number[] = [];
  paragraphs.forEach((p, k) => {
    start.push(texts.length);
    const sentences = split(p);
    for (const s of sentences.length > 0 ? sentences : [p]) {
      texts.push(s);
      paragraph.push(k);
    }
  });
  start.push(texts.length);
  return { texts, paragraph, start };
}

/**
 * Align paragraphs (or take `paragraphLinks`, e.g. the editor's rows), then the sentences inside
 * each two-sided link. A paragraph left unmatched leaves each of its sentences unmatched.
 */
export function alignSentences(zh: readonly string[], en: readonly string[], options: AlignOptions = {}, paragraphLinks?: readonly LinkSpec[]): SentenceAlignment {
  const paragraphs = paragraphLinks ? { links: paragraphLinks, ratio: options.ratio } : align(zh, en, options);
  const z = sentencesOf(zh, splitZhSentences);
  const e = sentencesOf(en, splitEnSentences);
  const links: Link[] = [];
  const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, k) => from + k);
  const { confirmed: _confirmed, ...rest } = options;
  for (const link of paragraphs.links) {
    const zs = link.zh.length > 0 ? z.start[link.zh[0]!]! : 0;
    const ze = link.zh.length > 0 ? z.start[link.zh.at(-1)! + 1]! : 0;
    const es = link.en.length > 0 ? e.start[link.en[0]!]! : 0;
    const ee = link.en.length > 0 ? e.start[link.en.at(-1)! + 1]! : 0;
    if (ze === zs || ee === es) {
      for (const i of range(zs, ze)) links.push({ zh: [i], en: [], confidence: 1, reasons: [] });
      for (const j of range(es, ee)) links.push({ zh: [], en: [j], confidence: 1, reasons: [] });
      continue;
    }
    const inner = align(z.texts.slice(zs, ze), e.texts.slice(es, ee), { ...rest, ratio: paragraphs.ratio ?? rest.ratio });
    for (const l of inner.links) links.push({ ...l, zh: l.zh.map((i) => i + zs), en: l.en.map((j) => j + es) });
  }
  return { zh: z.texts, en: e.texts, zhParagraph: z.paragraph, enParagraph: e.paragraph, links, ratio: paragraphs.ratio ?? 0 };
}

/**
 * Where an English paragraph that renders several Chinese paragraphs should be cut: the number of
 * its sentences (1 … n − 1) that render the first Chinese paragraph, found by aligning the
 * sentences of both sides. Null when the English has a single sentence. With one Chinese
 * paragraph there is no boundary to find, and the cut falls before the last sentence.
 */
export function englishCut(zh: readonly string[], en: string, options: AlignOptions = {}): { sentences: string[]; cut: number } | null {
  const sentences = splitEnSentences(en);
  if (sentences.length < 2) return null;
  if (zh.length < 2) return { sentences, cut: sentences.length - 1 };
  const result = alignSentences(zh, [en], options, [{ zh: zh.map((_, k) => k), en: [0] }]);
  let last = -1;
  for (const link of result.links) {
    if (link.zh.some((i) => result.zhParagraph[i] === 0)) last = Math.max(last, ...link.en);
  }
  return { sentences: result.en, cut: Math.max(1, Math.min(sentences.length - 1, last + 1)) };
}
