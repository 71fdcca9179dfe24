// A small built-in bilingual lexicon of words frequent in official Chinese texts and their usual
// English renderings. Like a dictionary in dictionary-assisted sentence alignment, it gives weak
// evidence where lengths and numbers leave a link open; each word is weighed by how rare it is in
// the document at hand, so "合作" in a cooperation agreement counts for almost nothing.

import type { GlossaryIndex, Mention } from './landmarks.ts';

// Chinese word, then English forms separated by "|"; a form ending in "*" matches any word starting
// with it, and a form may be several words ("united nations").
const ENTRIES = `
合作 cooperat*|collaborat*
发展 develop*
经济 econom*
安全 security|secure|safe|safety
贸易 trade|trading
投资 invest*
能源 energy
文化 cultur*
教育 educat*
科技 science and technology|technolog*|scientific
创新 innovat*
环境 environment*
农业 agricultur*|farm*
工业 industr*
金融 financ*|bank*
政府 government*
人民 people|peoples
和平 peace*
稳定 stab*
恐怖 terror*
毒品 drug*|narcotic*
旅游 touris*|travel*
卫生 health
体育 sport*
青年 youth|young
学生 student*
就业 employment|jobs|job
收入 income*
价格 price*
人口 population*
出口 export*
进口 import*
粮食 grain|food
口岸 port|ports|border crossing*
港口 port|ports|harbour*|harbor*
铁路 railway*|rail
公路 highway*|road*
管道 pipeline*
电力 power|electric*
核能 nuclear
水资源 water resources
河流 river*
边境 border*|frontier*
海关 customs
会谈 talks
会晤 meet*|talks
会议 meeting*|conference*|session*
峰会 summit*
总统 president*
主席 president*|chairman|chair*
总理 premier*|prime minister*
部长 minister*
外交 foreign|diplomat*
联合国 united nations|un
世界 world*
全球 global*|worldwide
地区 region*|area*
国际 international*
双边 bilateral*
多边 multilateral*
条约 treaty|treaties
协定 agreement*
协议 agreement*|protocol*
声明 statement*|declare*
宣言 declaration*
机制 mechanism*
委员会 committee*|commission*|council*
论坛 forum*
基金 fund*
企业 enterprise*|compan*|business*|firm*
市场 market*
医疗 medical|health care|healthcare
保险 insurance
养老 pension*|elderly|old-age
城镇 urban|town*
农村 rural|countryside
城市 city|cities|urban
数字 digital
网络 internet|online|cyber*|network*
绿色 green
生态 ecolog*
气候 climate
疫情 pandemic|epidemic|covid*
改革 reform*
开放 open*
法治 rule of law
法律 law|laws|legal
人权 human rights
民主 democra*
中央 central
中国 china|chinese
美国 united states|u.s|america*
俄罗斯 russia*
日本 japan*
欧盟 european union|eu
欧洲 europe*
非洲 africa*
亚洲 asia*
拉美 latin america*
北京 beijing
上海 shanghai
香港 hong kong
澳门 macao|macau
台湾 taiwan*
西藏 tibet*|xizang
新疆 xinjiang
习近平 xi jinping|xi
李克强 li keqiang
王毅 wang yi
领导人 leader*
元首 head of state|heads of state
代表团 delegation*
访问 visit*
邀请 invit*
欢迎 welcom*
感谢 thank*|gratitude|grateful
祝贺 congratulat*
支持 support*
反对 oppos*
尊重 respect*
主权 sovereign*
领土 territor*
统一 reunif*|unif*
独立 independen*
友谊 friendship*
友好 friend*
伙伴 partner*
战略 strateg*
互信 mutual trust
互利 mutual* benefi*|win-win
共赢 win-win
共同体 community
命运 destiny|shared future
倡议 initiative*
一带一路 belt and road
丝绸之路 silk road
海洋 ocean*|maritime|marine|sea*
航天 space|aerospace
卫星 satellite*
交通 transport*|traffic
基础设施 infrastructure
物流 logistic*
电子商务 e-commerce
人工智能 artificial intelligence|ai
互联网 internet
大数据 big data
五年规划 five-year plan*
规划 plan*
政策 polic*
措施 measure*
标准 standard*
质量 quality
效率 efficien*
服务 servic*
管理 manag*|administ*|governance
监管 regulat*|supervis*
改善 improv*
提高 improv*|raise*|increas*|enhanc*
增长 grow*|growth|increas*|rose|rise|up
下降 declin*|decreas*|fell|fall*|down|drop*
增加 increas*|add*
减少 reduc*|decreas*|cut*
扩大 expand*|expan*|enlarg*
加强 strengthen*|enhanc*|intensif*
推动 promot*|advanc*|push*|drive
促进 promot*|boost*|facilitat*
维护 safeguard*|uphold*|maintain*|protect*
保护 protect*|conserv*
落实 implement*|deliver*
实施 implement*|carr* out
建设 build*|construct*
鼓励 encourag*
学习 learn*|study|studies
研究 research*|study|studies
交流 exchange*
对话 dialogue*|dialog*
谈判 negotiat*
危机 crisis|crises
战争 war|wars
冲突 conflict*
军事 militar*
国防 defen*
武器 weapon*|arms
儿童 child*
妇女 women|woman
老年 elderly|older
残疾 disab*
贫困 povert*|poor
扶贫 poverty alleviation|poverty reduction
公平 fair*|equit*
正义 justice
腐败 corrupt*
历史 histor*
未来 future
年轻 young
世纪 century|centuries
周年 anniversar*
纪念 commemorat*|memorial|anniversar*
谢谢 thank*
女士们 ladies
先生们 gentlemen
朋友们 friends
`;

/** A form of several letter runs ("united nations", "win-win", "u.s"): its runs and what separates them. */
interface Phrase {
  runs: string[];
  /** Separator before each run after the first: ' ' (any white space), '-' or '.'. */
  separators: string[];
  /** Whether each run is a stem (takes the rest of the letter run it starts). */
  stems: boolean[];
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isWordCode(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || c === 0x2028 || c === 0x2029 || c === 0xfeff;
}

/** End of the letter run starting at `at`. */
function runEnd(text: string, at: number): number {
  let k = at;
  while (k < text.length && isLetter(text.charCodeAt(k))) k++;
  return k;
}

/** Where `phrase` ends if it matches `text` (lower-cased as `lower`) from `at`, or -1. */
function matchPhrase(text: string, lower: string, at: number, phrase: Phrase): number {
  let k = at;
  for (let r = 0; r < phrase.runs.length; r++) {
    if (r > 0) {
      const separator = phrase.separators[r - 1]!;
      if (separator === ' ') {
        if (k >= text.length || !isSpace(text.charCodeAt(k))) return -1;
        while (k < text.length && isSpace(text.charCodeAt(k))) k++;
      } else {
        if (text[k] !== separator) return -1;
        k++;
      }
    }
    const run = phrase.runs[r]!;
    if (!lower.startsWith(run, k)) return -1;
    const end = runEnd(text, k);
    if (!phrase.stems[r] && end !== k + run.length) return -1;
    k = end;
  }
  return k;
}

/** Two leading characters as one number (lower-cased letters), to bucket forms by how they start. */
function startKey(a: number, b: number): number {
  return ((isLetter(a) ? a | 32 : a) << 16) | (isLetter(b) ? b | 32 : b);
}

/** Two characters as an index below 128², lower-cased, anything outside ASCII folded onto 127. */
function pairCode(a: number, b: number): number {
  return foldAscii(a) * 128 + foldAscii(b);
}

function foldAscii(c: number): number {
  return c >= 128 ? 127 : c >= 65 && c <= 90 ? c | 32 : c;
}

/**
 * One-word English forms in a trie over a–z, walked without allocating: a word's entries are those
 * listing it exactly, else those whose longest stem it starts with ("President" renders both 主席 and 总统).
 */
class WordTrie {
  children = new Int32Array(26).fill(-1);
  private exact: Array<number[] | undefined> = [undefined];
  private stem: Array<number[] | undefined> = [undefined];

  private node(at: number, letter: number): number {
    const slot = at * 26 + letter;
    let next = this.children[slot]!;
    if (next < 0) {
      next = this.exact.length;
      this.exact.push(undefined);
      this.stem.push(undefined);
      if (this.children.length < (next + 1) * 26) {
        const grown = new Int32Array(this.children.length * 2).fill(-1);
        grown.set(this.children);
        this.children = grown;
      }
      this.children[slot] = next;
    }
    return next;
  }

  add(word: string, id: number, isStem: boolean): void {
    let at = 0;
    for (let k = 0; k < word.length; k++) at = this.node(at, word.charCodeAt(k) - 97);
    const lists = isStem ? this.stem : this.exact;
    const list = (lists[at] ??= []);
    if (!list.includes(id)) list.push(id);
  }

  exactList = new Int32Array(0);
  stemList = new Int32Array(0);

  /** Number the entry lists (through `listOf`): a walk ends on a node's list number. */
  finish(listOf: (ids: readonly number[]) => number): void {
    this.exactList = Int32Array.from(this.exact, (ids) => (ids ? listOf(ids) : -1));
    this.stemList = Int32Array.from(this.stem, (ids) => (ids ? listOf(ids) : -1));
  }
}

/**
 * Hits of one text, reused from text to text: hit k spans [at[k], end[k]) and stands for the entries
 * of `lists[list[k]]`. Filled by the scanners without allocating.
 */
export class LexiconHits {
  count = 0;
  at: Int32Array = new Int32Array(64);
  end: Int32Array = new Int32Array(64);
  list: Int32Array = new Int32Array(64);

  push(at: number, end: number, list: number): void {
    if (this.count === this.at.length) {
      const grow = (a: Int32Array): Int32Array => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.at = grow(this.at);
      this.end = grow(this.end);
      this.list = grow(this.list);
    }
    this.at[this.count] = at;
    this.end[this.count] = end;
    this.list[this.count] = list;
    this.count++;
  }
}

export interface Lexicon {
  /** What its words are reported as: the built-in lexicon's, or a dictionary's. */
  readonly kind: 'lexicon' | 'dictionary';
  /** Number of entries; entry ids run from 0. */
  readonly size: number;
  /** Entry lists a hit can stand for (a Chinese word: its entry; an English form: every entry listing it). */
  readonly lists: ReadonlyArray<readonly number[]>;
  /** Landmark key of an entry ("l:ID"). */
  key(id: number): string;
  /** Chinese words: the leftmost, longest word at each point. */
  scanZh(text: string, hits: LexiconHits): void;
  /** English words and several-word forms, whole words only, in any case. */
  scanEn(text: string, hits: LexiconHits): void;
}

let lexicon: Lexicon | undefined;

function buildLexicon(): Lexicon {
  const zhWords: string[] = [];
  const lists: number[][] = [];
  const listIds = new Map<string, number>();
  const listOf = (ids: readonly number[]): number => {
    const key = ids.join(',');
    let at = listIds.get(key);
    if (at === undefined) {
      at = lists.length;
      lists.push([...ids]);
      listIds.set(key, at);
    }
    return at;
  };
  const trie = new WordTrie();
  const exact = new Map<string, number[]>();
  const stems: Array<{ stem: string; id: number }> = [];
  const phrasesByStart = new Map<number, Phrase[]>();
  for (const line of ENTRIES.split('\n')) {
    const [zh, english] = line.trim().split(/\s+(.*)/s);
    if (!zh || !english) continue;
    const id = zhWords.length;
    zhWords.push(zh);
    for (const form of english.split('|')) {
      const stem = form.endsWith('*');
      const plain = form.replace(/\*$/, '');
      if (stem) stems.push({ stem: plain, id });
      else exact.set(plain, [...(exact.get(plain) ?? []), id]);
      const parts = form.split(/([ .-])/);
      if (parts.length === 1) {
        trie.add(plain, id, stem);
        continue;
      }
      const phrase: Phrase = { runs: [], separators: [], stems: [] };
      parts.forEach((part, k) => {
        if (k % 2 === 1) phrase.separators.push(part);
        else {
          phrase.stems.push(part.endsWith('*'));
          phrase.runs.push(part.replace(/\*$/, ''));
        }
      });
      const key = startKey(form.charCodeAt(0), form.charCodeAt(1));
      phrasesByStart.set(key, [...(phrasesByStart.get(key) ?? []), phrase]);
    }
  }
  // Which two leading characters may start a several-word form, as a flag per pair.
  const phraseStarts = new Uint8Array(128 * 128);
  for (const key of phrasesByStart.keys()) phraseStarts[pairCode(key >> 16, key & 0xffff)] = 1;
  const zhList = zhWords.map((_, id) => listOf([id]));
  trie.finish(listOf);
  const keys = zhWords.map((_, id) => 'l:' + id);
  // Chinese words by first character, longest first.
  const zhByFirst = new Map<number, Array<{ word: string; id: number }>>();
  zhWords.forEach((word, id) => {
    const first = word.charCodeAt(0);
    zhByFirst.set(first, [...(zhByFirst.get(first) ?? []), { word, id }]);
  });
  for (const list of zhByFirst.values()) list.sort((a, b) => b.word.length - a.word.length);
  const zhFirst = new Uint8Array(0x10000);
  for (const first of zhByFirst.keys()) zhFirst[first] = 1;
  // Several-word forms resolve through their surface as the single words do (exact, else longest stem).
  const stemsByStart = new Map<string, Array<{ stem: string; id: number }>>();
  for (const entry of stems.sort((a, b) => b.stem.length - a.stem.length)) {
    const key = entry.stem.slice(0, 2);
    stemsByStart.set(key, [...(stemsByStart.get(key) ?? []), entry]);
  }
  const phraseLists = new Map<string, number>();
  const resolvePhrase = (surface: string): number => {
    const lower = surface.toLowerCase().replace(/\s+/g, ' ');
    let list = phraseLists.get(lower);
    if (list !== undefined) return list;
    const listed = exact.get(lower);
    if (listed) list = listOf(listed);
    else {
      const candidates = stemsByStart.get(lower.slice(0, 2))?.filter((s) => lower.startsWith(s.stem)) ?? [];
      const longest = candidates[0]?.stem.length ?? 0;
      const ids = [...new Set(candidates.filter((s) => s.stem.length === longest).map((s) => s.id))];
      list = ids.length > 0 ? listOf(ids) : -1;
    }
    if (phraseLists.size < 10_000) phraseLists.set(lower, list);
    return list;
  };
  return {
    kind: 'lexicon',
    size: zhWords.length,
    lists,
    key: (id) => keys[id]!,
    scanZh(text, hits) {
      hits.count = 0;
      for (let i = 0; i < text.length; ) {
        const first = text.charCodeAt(i);
        let length = 0;
        if (zhFirst[first]) {
          for (const candidate of zhByFirst.get(first)!) {
            if (text.startsWith(candidate.word, i)) {
              length = candidate.word.length;
              hits.push(i, i + length, zhList[candidate.id]!);
              break;
            }
          }
        }
        i += length > 0 ? length : 1;
      }
    },
    scanEn(text, hits) {
      hits.count = 0;
      let lower: string | undefined;
      const n = text.length;
      const { children, exactList, stemList } = trie;
      for (let at = 0; at < n; at++) {
        let c = text.charCodeAt(at);
        if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) continue;
        if (at > 0 && isWordCode(text.charCodeAt(at - 1))) continue;
        // A word starts here: walk the trie along its letters (exact form, else the longest stem).
        const first = c;
        let node = 0;
        let stem = -1;
        let wordEnd = at;
        for (; wordEnd < n; wordEnd++) {
          c = text.charCodeAt(wordEnd);
          if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) break;
          if (node >= 0) {
            node = children[node * 26 + ((c | 32) - 97)]!;
            if (node >= 0 && stemList[node]! >= 0) stem = stemList[node]!;
          }
        }
        let list = node >= 0 && exactList[node]! >= 0 ? exactList[node]! : stem;
        let end = wordEnd;
        const second = at + 1 < n ? text.charCodeAt(at + 1) : 0;
        const phrases = phraseStarts[pairCode(first, second)] ? phrasesByStart.get(startKey(first, second)) : undefined;
        if (phrases) {
          lower ??= text.toLowerCase();
          let longest = -1;
          for (const phrase of phrases) longest = Math.max(longest, matchPhrase(text, lower, at, phrase));
          if (longest > wordEnd) {
            const phraseList = resolvePhrase(text.slice(at, longest));
            if (phraseList >= 0) {
              end = longest;
              list = phraseList;
            }
          }
        }
        if (list >= 0) hits.push(at, end, list);
        at = (list >= 0 ? end : wordEnd) - 1;
      }
    },
  };
}

export function builtInLexicon(): Lexicon {
  return (lexicon ??= buildLexicon());
}

let cached: GlossaryIndex | undefined;

/**
 * The built-in lexicon as a glossary-like index: mentions with keys "l:ID", each entry once per text
 * (an English form standing for several entries carries those not met yet).
 */
export function lexiconIndex(): GlossaryIndex {
  if (cached) return cached;
  const lex = builtInLexicon();
  const hits = new LexiconHits();
  const seen = new Int32Array(lex.size);
  let texts = 0;
  const mentions = (text: string): Mention[] => {
    const stamp = ++texts;
    const out: Mention[] = [];
    for (let k = 0; k < hits.count; k++) {
      const keys: string[] = [];
      for (const id of lex.lists[hits.list[k]!]!) {
        if (seen[id] === stamp) continue;
        seen[id] = stamp;
        keys.push(lex.key(id));
      }
      if (keys.length === 0) continue;
      const at = hits.at[k]!;
      const surface = text.slice(at, hits.end[k]!);
      out.push({ kind: 'lexicon', surface, at, length: surface.length, keys });
    }
    return out;
  };
  cached = {
    matchZh(text) {
      lex.scanZh(text, hits);
      return mentions(text);
    },
    matchEn(text) {
      lex.scanEn(text, hits);
      return mentions(text);
    },
  };
  return cached;
}
