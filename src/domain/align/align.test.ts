import { nodeTranslationTable } from '../../../scripts/lib/dictionary.ts';
import { describe, expect, it } from 'vitest';
import { align } from './align.ts';
import { devCases, loadBitext, loadSentenceBitext } from './fixtures/dev-set.ts';
import { strictScore } from './evaluate.ts';
import { coverageProblem } from './edit.ts';
import { DEFAULT_LENGTH_MODEL } from './length-model.ts';
import { Prepared, Scorer } from './scorer.ts';
import { splitEnSentences } from './split.ts';
import type { Link, LinkSpec } from './types.ts';

const kazakhstan = loadBitext('kazakhstan');
const communique = loadBitext('communique');

/** The English of Chinese paragraph z in the gold alignment of the sample's translation. */
const enOf = (z: number): string =>
  kazakhstan.gold.find((l) => l.zh.includes(z))!.en.map((j) => kazakhstan.en[j]!).join(' ');
const zhOf = (zs: number[]): string[] => zs.map((z) => kazakhstan.zh[z]!);
const shapes = (links: readonly LinkSpec[]): string[] => links.map((l) => `${l.zh.join(',')}|${l.en.join(',')}`);

describe('beads on small real cases', () => {
  it('1-1', () => {
    expect(shapes(align(zhOf([3, 4, 5]), [enOf(3), enOf(4), enOf(5)]).links)).toEqual(['0|0', '1|1', '2|2']);
  });

  it('1-2: one Chinese paragraph split into two English ones', () => {
    const zh = communique.zh.slice(11, 14);
    const en = communique.en.slice(12, 16);
    expect(shapes(align(zh, en).links)).toEqual(['0|0', '1|1,2', '2|3']);
  });

  it('2-1: two Chinese paragraphs merged into one English one', () => {
    expect(shapes(align(zhOf([10, 11, 12, 13]), [enOf(10), enOf(11), enOf(13)]).links)).toEqual(['0|0', '1,2|1', '3|2']);
  });

  it('1-3 and 3-1', () => {
    const thirds = splitEnSentences(enOf(27));
    expect(thirds).toHaveLength(3);
    expect(shapes(align(zhOf([26, 27, 28]), [enOf(26), ...thirds, enOf(28)]).links)).toEqual(['0|0', '1|1,2,3', '2|4']);
    const merged = [13, 14, 15].map(enOf).join(' ');
    expect(shapes(align(zhOf([12, 13, 14, 15, 16]), [enOf(12), merged, enOf(16)]).links)).toEqual(['0|0', '1,2,3|1', '4|2']);
  });

  it('2-2: a boundary that falls inside a paragraph on both sides', () => {
    const [first, ...rest] = splitEnSentences(enOf(9));
    const en = [enOf(7), `${enOf(8)} ${first}`, rest.join(' '), enOf(10)];
    expect(shapes(align(zhOf([7, 8, 9, 10]), en).links)).toEqual(['0|0', '1,2|1,2', '3|3']);
  });

  it('1-0: the news-source line the translation drops', () => {
    const result = align(zhOf([50, 51, 52]), [enOf(50), enOf(51)]);
    expect(shapes(result.links)).toEqual(['0|0', '1|1', '2|']);
    expect(result.links[2]!.reasons[0]).toMatchObject({ kind: 'unmatched', side: 'zh' });
  });

  it('0-1: an English paragraph with no Chinese counterpart', () => {
    const en = ['(Unofficial translation)', enOf(2), enOf(3), enOf(4)];
    expect(shapes(align(zhOf([2, 3, 4]), en).links)).toEqual(['|0', '0|1', '1|2', '2|3']);
    const inserted = [enOf(3), enOf(4), enOf(41), enOf(5)];
    expect(shapes(align(zhOf([3, 4, 5]), inserted).links)).toEqual(['0|0', '1|1', '|2', '2|3']);
  });

  it('empty sides', () => {
    expect(align([], []).links).toEqual([]);
    expect(shapes(align(['甲', '乙'], []).links)).toEqual(['0|', '1|']);
    expect(shapes(align([], ['a']).links)).toEqual(['|0']);
  });
});

describe('landmarks raise and lower the score of a link', () => {
  const zh = ['中方将支持哈方举办2017年专项世博会。'];
  const cost = (en: string): number => {
    const doc = new Prepared(zh, [en], undefined, new Set(), new Set());
    return new Scorer(doc, DEFAULT_LENGTH_MODEL).cost(0, 1, 1, Infinity);
  };

  it('a shared year lowers the cost, a conflicting one raises it', () => {
    const matching = cost('China will support Kazakhstan in hosting the specialised EXPO 2017.');
    const none = cost('China will support Kazakhstan in hosting the specialised EXPO next.');
    const conflicting = cost('China will support Kazakhstan in hosting the specialised EXPO 2019.');
    expect(matching).toBeLessThan(none);
    expect(none).toBeLessThan(conflicting);
  });

  it('words of the built-in lexicon make a close call clearer (会谈 = talks)', () => {
    const zh3 = kazakhstan.zh.slice(0, 3);
    const en4 = kazakhstan.en.slice(0, 4);
    // "President Xi Jinping and President Nazarbayev held official talks" fits either neighbour by length;
    // sentence counts tip the balance, the lexicon's 会谈 = talks makes it clear.
    const without = align(zh3, en4, { lexicon: false });
    const result = align(zh3, en4);
    expect(shapes(without.links)).toEqual(['0|0', '1|1,2', '2|3']);
    expect(shapes(result.links)).toEqual(['0|0', '1|1,2', '2|3']);
    expect(result.links[1]!.confidence).toBeGreaterThan(without.links[1]!.confidence + 0.1);
    expect(result.links[1]!.reasons).toContainEqual(expect.objectContaining({ kind: 'landmark-match', landmark: 'lexicon', zh: '会谈', en: 'talks' }));
  });

  it('glossary terms settle a link the lengths leave open', () => {
    const { zh, en } = loadSentenceBitext('communique');
    // The note "部分数据因四舍五入…" and the source line "资料来源…" close the Chinese; the English keeps only
    // the note. Lengths favour the source line; that it reads as a note (资料来源：) only just tips the balance.
    const tail = (links: readonly LinkSpec[]): string[] => shapes(links).slice(-2);
    const without = align(zh, en);
    expect(tail(without.links)).toEqual(['45|36', '46|']);
    const withGlossary = align(zh, en, { glossary: [{ zh: '四舍五入', en: 'rounding' }] });
    expect(tail(withGlossary.links)).toEqual(['45|36', '46|']);
    expect(withGlossary.links.at(-2)!.confidence).toBeGreaterThan(without.links.at(-2)!.confidence + 0.2);
    expect(withGlossary.links.at(-2)!.reasons).toContainEqual(
      expect.objectContaining({ kind: 'landmark-match', landmark: 'glossary', zh: '四舍五入', en: 'rounding' }),
    );
  });
});

describe('confirmed links', () => {
  it('are kept as given and the rest is aligned around them', () => {
    // The translator pairs the closing block differently from the aligner.
    const confirmed = [{ zh: [49, 50], en: [50] }];
    const result = align(kazakhstan.zh, kazakhstan.en, { confirmed });
    expect(shapes(result.links).slice(-4)).toEqual(['47,48|49', '49,50|50', '51|51', '52|']);
    const kept = result.links.at(-3)!;
    expect(kept.confidence).toBe(1);
    expect(kept.reasons[0]).toEqual({ kind: 'confirmed', text: 'confirmed by the translator' });
    expect(coverageProblem(result.links, kazakhstan.zh.length, kazakhstan.en.length)).toBeNull();
  });

  it('hold even where the aligner would disagree', () => {
    const confirmed = [{ zh: [3, 4], en: [4] }];
    const result = align(kazakhstan.zh, kazakhstan.en, { confirmed });
    expect(shapes(result.links)).toContain('3,4|4');
    expect(coverageProblem(result.links, kazakhstan.zh.length, kazakhstan.en.length)).toBeNull();
  });

  it('can mark a paragraph unmatched on either side; its counterpart is left unmatched too', () => {
    const zh = zhOf([3, 4, 5]);
    const en = [enOf(3), enOf(4), enOf(5)];
    for (const confirmed of [[{ zh: [1], en: [] }], [{ zh: [], en: [1] }]]) {
      const result = align(zh, en, { confirmed });
      expect(new Set(shapes(result.links))).toEqual(new Set(['0|0', '1|', '|1', '2|2']));
      expect(coverageProblem(result.links, 3, 3)).toBeNull();
      const kept = result.links.find((l) => shapes([l])[0] === shapes(confirmed)[0])!;
      expect(kept.confidence).toBe(1);
      expect(kept.reasons[0]!.kind).toBe('confirmed');
    }
  });

  it('refuse inconsistent input with a RangeError', () => {
    const zh = zhOf([3, 4, 5]);
    const en = [enOf(3), enOf(4), enOf(5)];
    expect(() => align(zh, en, { confirmed: [{ zh: [3], en: [0] }] })).toThrow(RangeError);
    expect(() => align(zh, en, { confirmed: [{ zh: [0, 2], en: [0] }] })).toThrow(/non-contiguous/);
    expect(() => align(zh, en, { confirmed: [{ zh: [0], en: [1] }, { zh: [1], en: [0] }] })).toThrow(/cross/);
    expect(() => align(zh, en, { confirmed: [{ zh: [0], en: [0] }, { zh: [0], en: [1] }] })).toThrow(/two confirmed/);
    expect(() => align(zh, en, { confirmed: [{ zh: [], en: [] }] })).toThrow(/empty/);
  });
});

describe('links on the whole sample translation', () => {
  const result = align(kazakhstan.zh, kazakhstan.en);
  const link = (zh: number): Link => result.links.find((l) => l.zh.includes(zh))!;

  it('cover every paragraph once, in order, with a confidence in [0, 1] and a phrase for every reason', () => {
    expect(coverageProblem(result.links, kazakhstan.zh.length, kazakhstan.en.length)).toBeNull();
    for (const l of result.links) {
      expect(l.confidence).toBeGreaterThanOrEqual(0);
      expect(l.confidence).toBeLessThanOrEqual(1);
      for (const r of l.reasons) expect(r.text.length).toBeGreaterThan(0);
    }
  });

  it('fit the ratio on the document', () => {
    expect(result.ratio).toBeGreaterThan(4);
    expect(result.ratio).toBeLessThan(6);
  });

  it('explain a link by its length fit and its landmarks', () => {
    const visit = link(0);
    expect(visit.reasons).toContainEqual(expect.objectContaining({ kind: 'length', expected: result.ratio }));
    expect(visit.reasons).toContainEqual(
      expect.objectContaining({ kind: 'landmark-match', landmark: 'date', zh: '2014年5月19日至21日', en: '19 to 21 May 2014' }),
    );
    const heading = link(2);
    expect(heading.en).toEqual([3]);
    expect(heading.reasons).toContainEqual(expect.objectContaining({ kind: 'landmark-match', landmark: 'section', zh: '一', en: 'I' }));
    expect(link(10).reasons).toContainEqual(expect.objectContaining({ kind: 'landmark-match', landmark: 'title' }));
    expect(link(52).reasons[0]).toMatchObject({ kind: 'unmatched', side: 'zh' });
  });

  it('report landmarks found on one side only', () => {
    const shifted = align(zhOf([39]), [enOf(44)]);
    const reasons = shifted.links[0]!.reasons;
    expect(reasons).toContainEqual(expect.objectContaining({ kind: 'landmark-match', zh: '2014年8月', en: '2014' }));
    expect(reasons).toContainEqual(expect.objectContaining({ kind: 'landmark-missing', side: 'zh', value: '第四' }));
    expect(reasons).toContainEqual(expect.objectContaining({ kind: 'landmark-missing', side: 'en', value: '13th' }));
  });

  it('give lower confidence to the link the lengths leave open than to clear ones', () => {
    const sure = result.links.filter((l) => l.zh.length === 1 && l.en.length === 1 && l.zh[0]! > 2 && l.zh[0]! < 40);
    const median = sure.map((l) => l.confidence).sort((a, b) => a - b)[sure.length >> 1]!;
    expect(link(0).confidence).toBeLessThan(median);
  });
});

describe('long documents', () => {
  it('align 2,000 paragraphs through the banded search as well as one document', () => {
    const zh: string[] = [];
    const en: string[] = [];
    for (let k = 0; k < 40; k++) {
      zh.push(...kazakhstan.zh);
      en.push(...kazakhstan.en);
    }
    const result = align(zh, en);
    expect(coverageProblem(result.links, zh.length, en.length)).toBeNull();
    const gold = new Set(
      Array.from({ length: 40 }, (_, k) =>
        kazakhstan.gold.map((l) => `${l.zh.map((z) => z + k * 53).join(',')}|${l.en.map((e) => e + k * 52).join(',')}`),
      ).flat(),
    );
    // As good as on the single document, but for one link per seam where a copy's last paragraph
    // (the dropped news line) meets the next copy's first.
    const single = align(kazakhstan.zh, kazakhstan.en).links.filter((l) => gold.has(shapes([l])[0]!)).length;
    const correct = shapes(result.links).filter((s) => gold.has(s)).length;
    expect(correct).toBeGreaterThanOrEqual(40 * (single - 1));
  });

  it('follow the alignment through documents joined end to end, whose lengths drift off the diagonal', { timeout: 60_000 }, () => {
    const dictionary = nodeTranslationTable();
    // Perturbed copies of the development documents, one after the other: about 1,000 paragraphs, so
    // searched in a band, and each document has its own ratio and its own dropped or merged paragraphs.
    const cases = devCases(2, ['paragraph']).filter((c) => c.perturbation !== 'none' && c.perturbation !== 'reorder');
    const zh: string[] = [];
    const en: string[] = [];
    const gold: LinkSpec[] = [];
    let separately = 0;
    for (const c of cases) {
      const z0 = zh.length;
      const e0 = en.length;
      zh.push(...c.bitext.zh);
      en.push(...c.bitext.en);
      for (const l of c.bitext.gold) gold.push({ zh: l.zh.map((z) => z + z0), en: l.en.map((e) => e + e0) });
      separately += strictScore(align(c.bitext.zh, c.bitext.en, { dictionary }).links, c.bitext.gold).f1 * c.bitext.gold.length;
    }
    expect(zh.length).toBeGreaterThan(1000);
    const joined = align(zh, en, { dictionary }).links;
    expect(coverageProblem(joined, zh.length, en.length)).toBeNull();
    expect(strictScore(joined, gold).f1).toBeGreaterThanOrEqual(separately / gold.length - 0.01);
  });
});
