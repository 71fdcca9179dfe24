// A small built-in bilingual lexicon of words frequent in official Chinese texts and their usual
// English renderings. Like a dictionary in dictionary-assisted sentence alignment, it gives weak
// evidence where lengths and numbers leave a link open; each word is weighed by how rare it is in
// the document at hand, so "合作" in a cooperation agreement counts for almost nothing.

import type { GlossaryIndex, Mention } from './anchors.ts';

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

interface Entry {
  id: number;
  zh: string;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

let cached: GlossaryIndex | undefined;
let KEYS: string[] = [];

/**
 * Index of the built-in lexicon; mentions carry keys "l:ID", weighed per document by the caller.
 * Each side is matched with one regular expression (longest alternatives first), which is far faster
 * than looking words up one by one.
 */
export function lexiconIndex(): GlossaryIndex {
  if (cached) return cached;
  const entries: Entry[] = [];
  const zhAlternatives: string[] = [];
  const enAlternatives: string[] = [];
  const exact = new Map<string, number[]>();
  const stems: Array<{ stem: string; id: number }> = [];
  for (const line of ENTRIES.split('\n')) {
    const [zh, english] = line.trim().split(/\s+(.*)/s);
    if (!zh || !english) continue;
    const id = entries.length;
    entries.push({ id, zh });
    zhAlternatives.push(zh);
    for (const form of english.split('|')) {
      const stem = form.endsWith('*');
      const plain = form.replace(/\*$/, '');
      const words = plain.split(' ').map(escape).join('\\s+');
      enAlternatives.push(stem ? `${words}[a-z]*` : words);
      if (stem) stems.push({ stem: plain, id });
      else exact.set(plain, [...(exact.get(plain) ?? []), id]);
    }
  }
  const zhIds = new Map(entries.map((e) => [e.zh, e.id]));
  KEYS = entries.map((e) => 'l:' + e.id);
  const zhPattern = new RegExp([...zhAlternatives].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g');
  const enPattern = new RegExp(`\\b(?:${[...enAlternatives].sort((a, b) => b.length - a.length).join('|')})(?![a-z])`, 'gi');
  // Stems by their first two letters, longest first.
  const stemsByStart = new Map<string, Array<{ stem: string; id: number }>>();
  for (const entry of stems.sort((a, b) => b.stem.length - a.stem.length)) {
    const key = entry.stem.slice(0, 2);
    stemsByStart.set(key, [...(stemsByStart.get(key) ?? []), entry]);
  }
  // The entries of a matched English form: those listing it exactly, else those whose longest matching
  // stem it starts with ("President" renders both 主席 and 总统).
  const resolve = (lower: string): number[] => {
    const listed = exact.get(lower);
    if (listed) return listed;
    const candidates = stemsByStart.get(lower.slice(0, 2))?.filter((s) => lower.startsWith(s.stem)) ?? [];
    const longest = candidates[0]?.stem.length ?? 0;
    return [...new Set(candidates.filter((s) => s.stem.length === longest).map((s) => s.id))];
  };
  // Texts repeat their words: resolve each form once.
  const resolved = new Map<string, number[]>();
  const enIds = (matched: string): number[] => {
    let ids = resolved.get(matched);
    if (ids === undefined) {
      ids = resolve(/\s/.test(matched) ? matched.toLowerCase().replace(/\s+/g, ' ') : matched.toLowerCase());
      if (resolved.size < 50_000) resolved.set(matched, ids);
    }
    return ids;
  };
  const mention = (id: number, surface: string, at: number): Mention => ({
    kind: 'lexicon',
    surface,
    at,
    length: surface.length,
    keys: [KEYS[id]!],
  });
  cached = {
    matchZh(text) {
      const out: Mention[] = [];
      const seen = new Set<number>();
      for (const m of text.matchAll(zhPattern)) {
        const id = zhIds.get(m[0])!;
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(mention(id, m[0], m.index));
      }
      return out;
    },
    matchEn(text) {
      const out: Mention[] = [];
      const seen = new Set<number>();
      enPattern.lastIndex = 0;
      for (let m = enPattern.exec(text); m !== null; m = enPattern.exec(text)) {
        const ids = enIds(m[0]);
        let fresh = false;
        for (const id of ids) if (!seen.has(id)) fresh = true;
        if (!fresh) continue;
        const keys: string[] = [];
        for (const id of ids) {
          if (seen.has(id)) continue;
          seen.add(id);
          keys.push(KEYS[id]!);
        }
        out.push({ kind: 'lexicon', surface: m[0], at: m.index, length: m[0].length, keys });
      }
      return out;
    },
  };
  return cached;
}
