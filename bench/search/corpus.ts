/**
 * A deterministic synthetic corpus for the search, translation-memory and library benchmarks.
 *
 * Chinese comes from an order-2 character Markov model trained on the sample export and the
 * aligned fixture texts (so its character and bigram frequencies look like real official prose),
 * English from an order-1 word model over the fixtures' English. Like the real database, the
 * corpus repeats boilerplate: signatory blocks and formulae recur verbatim (100 % TM matches) and
 * with a changed date or place (fuzzy matches).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT, 'src/domain/align/fixtures');
const SAMPLE = path.join(ROOT, 'supabase/seed-data/000_6c702e8dc57f7cba.txt');

export type Random = () => number;

/** mulberry32: a small seeded PRNG, so every run generates the same corpus. */
export function random(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

function readTexts(suffix: string): string[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => readFileSync(path.join(FIXTURES, f), 'utf8'));
}

/** Order-2 character model: for each two-character context, the characters that followed it. */
class CharModel {
  private readonly next = new Map<string, string[]>();
  private readonly starts: string[] = [];

  constructor(sentences: readonly string[]) {
    for (const s of sentences) {
      const chars = Array.from(s);
      if (chars.length < 4) continue;
      this.starts.push(chars[0]! + chars[1]!);
      for (let i = 2; i < chars.length; i++) {
        const key = chars[i - 2]! + chars[i - 1]!;
        let list = this.next.get(key);
        if (!list) this.next.set(key, (list = []));
        list.push(chars[i]!);
      }
    }
  }

  sentence(rand: Random, min: number, max: number): string {
    let out = Array.from(pick(rand, this.starts));
    while (out.length < max) {
      const list = this.next.get(out[out.length - 2]! + out[out.length - 1]!);
      if (!list) break;
      const c = pick(rand, list);
      out.push(c);
      if (c === '。' && out.length >= min) return out.join('');
    }
    out = out.filter((c) => c !== '。');
    return `${out.join('')}。`;
  }
}

/** Order-1 word model over the fixtures' English. */
class WordModel {
  private readonly next = new Map<string, string[]>();
  private readonly starts: string[] = [];

  constructor(text: string) {
    for (const sentence of text.split(/(?<=[.;])\s+/)) {
      const words = sentence.split(/\s+/).filter(Boolean);
      if (words.length < 3) continue;
      this.starts.push(words[0]!);
      for (let i = 1; i < words.length; i++) {
        let list = this.next.get(words[i - 1]!);
        if (!list) this.next.set(words[i - 1]!, (list = []));
        list.push(words[i]!);
      }
    }
  }

  sentence(rand: Random, maxWords: number): string {
    const out = [pick(rand, this.starts)];
    while (out.length < maxWords) {
      const list = this.next.get(out[out.length - 1]!);
      if (!list) break;
      const w = pick(rand, list);
      out.push(w);
      if (/[.;]$/.test(w)) break;
    }
    const s = out.join(' ').replace(/[,;:]$/, '');
    return /[.]$/.test(s) ? s : `${s}.`;
  }
}

const COLLECTIONS = ['习近平系列重要讲话数据库', '中央文献数据库', '外交文献数据库', '政府工作报告数据库'];
const TITLE_TAILS = ['联合声明', '联合宣言', '的讲话', '的贺信', '会谈纪要', '合作规划', '的主旨演讲', '新闻公报'];
const PLACES = ['北京', '上海', '阿斯塔纳', '莫斯科', '杭州', '西安', '青岛', '厦门', '南宁', '乌鲁木齐'];
const CN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function chineseYear(year: number): string {
  return String(year)
    .split('')
    .map((d) => CN_DIGITS[Number(d)])
    .join('');
}

function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
}

/** Boilerplate that recurs across documents: formulae repeated verbatim, with their fixed English. */
const FORMULAE: readonly [string, string][] = [
  ['双方对会谈成果表示满意，认为此次访问取得圆满成功。', 'The two sides expressed satisfaction with the results of the talks and agreed that the visit was a complete success.'],
  ['双方一致认为，本声明的签署将为两国关系的发展注入新的动力。', 'The two sides agreed that the signing of this declaration will give new impetus to the development of relations between the two countries.'],
  ['本联合声明以中文和俄文写成，两种文本同等作准。', 'This joint statement is done in the Chinese and Russian languages, both texts being equally authentic.'],
  ['双方重申，将继续在联合国、上海合作组织等多边框架内加强协调与配合。', 'The two sides reaffirmed that they will continue to strengthen coordination and cooperation within multilateral frameworks such as the United Nations and the Shanghai Cooperation Organisation.'],
  ['中方感谢东道主给予的热情友好接待。', 'The Chinese side thanked the host for the warm and friendly hospitality.'],
];

export interface CorpusParagraph {
  kind: 'heading' | 'body' | 'closing';
  text: string;
  /** The English of this paragraph (every paragraph has one; the loader decides which are stored). */
  english: string;
}

export interface CorpusDocument {
  title: string;
  published_on: string;
  keywords: string[];
  collection: string;
  paragraphs: CorpusParagraph[];
}

export interface CorpusOptions {
  documents: number;
  /** Mean paragraphs per document; each document has between 40 % and 160 % of it. */
  paragraphsPerDocument: number;
  seed?: number;
}

/** A generator of documents: `documentAt(i)` is the same document on every call and every run. */
export class Corpus {
  private readonly zh: CharModel;
  private readonly en: WordModel;
  readonly keywords: string[];

  constructor(readonly options: CorpusOptions) {
    const zhText = [...readTexts('.zh.txt'), readFileSync(SAMPLE, 'utf8')].join('\n');
    const sentences = zhText
      .split(/\n/)
      .map((l) => l.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, ''))
      .filter((l) => Array.from(l).length > 12)
      .flatMap((l) => l.split(/(?<=。)/));
    this.zh = new CharModel(sentences);
    this.en = new WordModel(readTexts('.en.txt').join('\n'));
    const header = readFileSync(SAMPLE, 'utf8').split(/\r?\n/);
    const sampleKeywords = (header[1] ?? '').split(/\s+/).filter(Boolean);
    this.keywords = [...sampleKeywords, '一带一路', '互联互通', '人文交流', '能源', '上海合作组织', '金融', '反恐', '农业', '旅游', '青年'];
  }

  /** The paragraph count of document `i` (cheap: no text generated). */
  paragraphCount(i: number): number {
    const rand = random((this.options.seed ?? 1) * 7919 + i);
    const mean = this.options.paragraphsPerDocument;
    return Math.max(3, Math.round(mean * (0.4 + 1.2 * rand())));
  }

  documentAt(i: number): CorpusDocument {
    const rand = random((this.options.seed ?? 1) * 1000003 + i);
    const count = this.paragraphCount(i);
    const year = 2010 + Math.floor(rand() * 15);
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    const place = pick(rand, PLACES);
    const paragraphs: CorpusParagraph[] = [];
    let section = 0;
    for (let p = 0; paragraphs.length < count - 3; p++) {
      const r = rand();
      if (p > 0 && p % 12 === 0 && section < 20) {
        section++;
        paragraphs.push({ kind: 'heading', text: chineseNumber(section), english: romanOf(section) });
      } else if (r < 0.04) {
        const [zh, en] = pick(rand, FORMULAE);
        paragraphs.push({ kind: 'body', text: zh, english: en });
      } else {
        const sentences = 1 + Math.floor(rand() * 4);
        const zh: string[] = [];
        const en: string[] = [];
        for (let s = 0; s < sentences; s++) {
          zh.push(this.zh.sentence(rand, 12, 90));
          en.push(this.en.sentence(rand, 40));
        }
        paragraphs.push({ kind: 'body', text: zh.join(''), english: en.join(' ') });
      }
    }
    const date = `${chineseYear(year)}年${chineseNumber(month)}月${chineseNumber(day)}日于${place}`;
    paragraphs.push(
      { kind: 'closing', text: '中华人民共和国主席\u3000哈萨克斯坦共和国总统', english: 'President of the People\'s Republic of China\u3000President of the Republic of Kazakhstan' },
      { kind: 'closing', text: date, english: `${place}, ${day} ${MONTHS[month - 1]} ${year}` },
      { kind: 'closing', text: `（新华社${place}${month}月${day}日电）`, english: `(Xinhua, ${place}, ${MONTHS[month - 1]} ${day})` },
    );
    const titleRand = random(i * 31 + 17);
    const title = `${this.zh.sentence(titleRand, 6, 16).replace(/[。，、；：]/g, '').slice(0, 14)}${pick(titleRand, TITLE_TAILS)}`;
    const keywords = new Set<string>();
    const nk = 3 + Math.floor(rand() * 10);
    while (keywords.size < nk) keywords.add(pick(rand, this.keywords));
    return {
      title,
      published_on: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      keywords: [...keywords],
      collection: COLLECTIONS[i % COLLECTIONS.length]!,
      paragraphs,
    };
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ROMAN: [number, string][] = [[10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];

function romanOf(n: number): string {
  let out = '';
  for (const [v, s] of ROMAN) while (n >= v) {
    out += s;
    n -= v;
  }
  return out;
}

/** The document in the speeches database's export format (what `npm run import` reads). */
export function toExport(doc: CorpusDocument, index: number): string {
  const body = doc.paragraphs.map((p) => `\u3000\u3000${p.text}`);
  return [
    '关键词：',
    `${doc.keywords.join(' ')} `,
    '',
    doc.collection,
    '',
    doc.title,
    '',
    `编号：${index}`,
    '',
    `发布时间：${doc.published_on}`,
    '',
    body.join('\n\n'),
    '',
    // the export's artefact: the body a second time without blank lines
    body.join('\n'),
    '',
  ].join('\n');
}

/** Translation status of paragraph `p` of document `i`: about 40 % empty, the rest draft, translated or approved. */
export function statusOf(i: number, p: number): 'empty' | 'draft' | 'translated' | 'approved' {
  const r = random(i * 65537 + p)();
  return r < 0.4 ? 'empty' : r < 0.6 ? 'draft' : r < 0.9 ? 'translated' : 'approved';
}
