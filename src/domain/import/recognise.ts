/** Line and paragraph recognisers for the export format. Each works on trimmed text. */

const NUMERAL = '(?:[一二三四五六七八九]|十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?)';
const BARE_SECTION = new RegExp(`^(?:${NUMERAL}|[（(]${NUMERAL}[）)]|${NUMERAL}[、．.]|第${NUMERAL}(?:部分|章|节|编|篇)?)$`);
const NUMBERED_TITLE = new RegExp(`^(?:${NUMERAL}[、．.]|[（(]${NUMERAL}[）)]|第${NUMERAL}(?:部分|章|节|编|篇))\\s*(.+)$`);
const SENTENCE_PUNCTUATION = /[。；，！？：、,;!?:]/;

/** Section numerals alone (一, 十一, （一）, 一、, 第二部分), or one with a short title and no sentence punctuation. */
export function isHeading(text: string): boolean {
  if (BARE_SECTION.test(text)) return true;
  const titled = NUMBERED_TITLE.exec(text);
  return titled !== null && titled[1]!.length <= 20 && !SENTENCE_PUNCTUATION.test(titled[1]!);
}

const NEWS_AGENCY = '(?:新华社|中新社|人民日报|本报|人民网|新华网|央视网?|中央广播电视总台|中国日报|光明日报|经济日报|求是)';
const NEWS_SOURCE = new RegExp(`^[（(](?:[^（）()]{0,24}(?:电|消息|报道)|${NEWS_AGENCY}[^（）()]{0,30}|来源[：:][^（）()]{1,30})[）)]$`);

/** A news-source line standing alone: （新华社上海5月19日电）, （本报记者 张三）, （来源：人民日报）. */
export function isNewsSourceLine(text: string): boolean {
  return NEWS_SOURCE.test(text);
}

const CN_DIGIT = '〇零○一二三四五六七八九十';
const DATE_CORE = `(?:[${CN_DIGIT}0-9０-９]{4}年[${CN_DIGIT}0-9０-９]{1,3}月[${CN_DIGIT}0-9０-９]{1,3}日|[0-9]{4}[-./][0-9]{1,2}[-./][0-9]{1,2})`;
const PLACE_DATE = new RegExp(`^(?:[于在][^，,。\\s]{1,12}[，,]?\\s*)?${DATE_CORE}(?:\\s*[于在][^，,。\\s]{1,12})?$`);

/** A place-and-date line: 二〇一四年五月十九日于上海, 2014年5月19日, 于北京，2014年5月19日. */
export function isPlaceDateLine(text: string): boolean {
  return PLACE_DATE.test(text);
}

/** A run of whitespace that separates the columns of a signatory row. */
const COLUMN_GAP = /\s*\u3000\s*|\s{2,}/g;

export function splitColumns(text: string): string[] {
  return text.split(COLUMN_GAP).filter((cell) => cell !== '');
}

const SIGNATURE_MARK = /^[（(]签[名字章][）)]$/;

/** Short cells without sentence punctuation, e.g. 中华人民共和国 and 哈萨克斯坦共和国, or （签名） twice, separated by U+3000 runs. */
export function isSignatoryRow(text: string): boolean {
  const cells = splitColumns(text);
  return cells.length >= 2 && cells.every((cell) => cell.length <= 24 && !SENTENCE_PUNCTUATION.test(cell));
}

export function isSignatureMark(text: string): boolean {
  return SIGNATURE_MARK.test(text);
}

/** A short line that may name a signatory next to the closing lines: 中共中央, 国务院, 习近平. */
export function isShortNameLine(text: string): boolean {
  return text.length <= 24 && !SENTENCE_PUNCTUATION.test(text) && !/[“”"《》]/.test(text) && !isHeading(text);
}

/** A signatory row rewritten with exactly one U+3000 between columns (and no U+3000 elsewhere). */
export function joinColumns(text: string): string {
  return splitColumns(text).join('\u3000');
}

export type NonProse =
  | { kind: 'caption'; text: string }
  | { kind: 'footer'; text: string }
  | { kind: 'editor'; text: string; editor: string };

const NAME = '[\\u4e00-\\u9fff·]{2,8}';
const CAPTION_CREDIT = new RegExp(
  `(?:${NEWS_AGENCY})?(?:特约)?(?:摄影记者|记者|通讯员|摄影)[\\s\\u3000]*${NAME}(?:[\\s\\u3000、]+${NAME})*[\\s\\u3000]*摄[）)]?$`,
);
const CAPTIONS: readonly RegExp[] = [
  /^图为.{1,200}$/,
  /^[（(【[]?(?:图片来源|图片|资料图片?|图|摄影)[：:].{0,60}[）)】\]]?$/,
  /^[【[]?(?:图片|资料图片?|组图|点击查看大图|高清大图)[】\]]?$/,
  new RegExp(`^[（(]${NAME}[\\s\\u3000]*摄[）)]$`),
];
const FOOTERS: readonly RegExp[] = [
  // 《人民日报》（2014年05月20日 02版）, （《人民日报》2014年5月20日第2版）
  /^[（(]?\s*《[^《》]{2,16}》\s*[（(]?\s*[0-9０-９]{4}\s*[年\-./－]\s*[0-9０-９]{1,2}\s*[月\-./－]\s*[0-9０-９]{1,2}\s*日?\s*(?:第?\s*[0-9０-９]{1,3}\s*版)?\s*[）)]?\s*[）)]?$/,
  /^[\u4e00-\u9fff]{2,10}\s*[0-9０-９]{4}[年\-./][0-9０-９]{1,2}[月\-./][0-9０-９]{1,2}日?\s*第\s*[0-9０-９]{1,3}\s*版$/,
  /^(?:分享到[：:]?.{0,40}|打印本页|打印|关闭窗口|返回顶部|【?纠错】?|[【[]?我要纠错[】\]]?|点击进入专题.{0,30})$/,
  /^(?:Copyright|版权所有|©).{0,80}$/i,
  /^[-—–－]+\s*[0-9０-９]{1,4}\s*[-—–－]+$/,
  /^第\s*[0-9０-９]+\s*页(?:\s*[，,／/]?\s*共\s*[0-9０-９]+\s*页)?$/,
  /^[（(]完[）)]$/,
];
const EDITOR = /^[（(【[]?\s*(?:责任编辑|责编)\s*[：:]\s*([^）)】\]]{1,40}?)\s*[）)】\]]?$/;

/** Photo captions, print footers and editor lines: recognised conservatively, never prose. */
export function recogniseNonProse(text: string): NonProse | null {
  if (text.length > 240) return null;
  const editor = EDITOR.exec(text);
  if (editor) return { kind: 'editor', text, editor: editor[1]!.trim() };
  if (FOOTERS.some((pattern) => pattern.test(text))) return { kind: 'footer', text };
  if (CAPTIONS.some((pattern) => pattern.test(text)) || (text.length <= 200 && CAPTION_CREDIT.test(text))) {
    return { kind: 'caption', text };
  }
  return null;
}
