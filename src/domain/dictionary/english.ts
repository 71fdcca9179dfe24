// English words reduced to lemmas (Porter stems, common irregular forms first mapped to their base),
// so that a dictionary's "to leave" meets "left" and "cooperation" meets "cooperate".

import { stemmer } from 'stemmer';

// Past forms and participles of frequent irregular verbs, and irregular plurals: base forms.
const IRREGULAR: Readonly<Record<string, string>> = Object.fromEntries(
  (
    'was:be were:be been:be is:be are:be am:be had:have has:have did:do done:does went:go gone:go made:make said:say ' +
    'took:take taken:take came:come saw:see seen:see knew:know known:know got:get gotten:get gave:give given:give ' +
    'found:find thought:think told:tell became:become left:leave felt:feel brought:bring began:begin begun:begin ' +
    'kept:keep held:hold wrote:write written:write stood:stand heard:hear meant:mean met:meet ran:run paid:pay ' +
    'sat:sit spoke:speak spoken:speak lay:lie lain:lie led:lead grew:grow grown:grow lost:lose fell:fall fallen:fall ' +
    'sent:send built:build understood:understand drew:draw drawn:draw broke:break broken:break spent:spend ' +
    'rose:rise risen:rise drove:drive driven:drive bought:buy wore:wear worn:wear chose:choose chosen:choose ' +
    'sought:seek caught:catch taught:teach fought:fight threw:throw thrown:throw slept:sleep ate:eat eaten:eat ' +
    'drank:drink drunk:drink flew:fly flown:fly forgot:forget forgotten:forget hid:hide hidden:hide hung:hang ' +
    'laid:lay rode:ride ridden:ride rang:ring sang:sing sung:sing sank:sink shook:shake shaken:shake shot:shoot ' +
    'shut:shut stole:steal stolen:steal struck:strike swore:swear swam:swim woke:wake won:win wept:weep ' +
    'men:man women:woman children:child feet:foot teeth:tooth mice:mouse people:person geese:goose ' +
    'better:good best:good worse:bad worst:bad'
  )
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

/** Words that carry no content of their own: never lemmas of a dictionary entry or evidence of a link. */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the of to in on at by for from with into onto upon as and or but nor not no so than then that this these those ' +
    'it its it\'s he him his she her hers they them their theirs we us our you your i me my mine be is are was were been ' +
    'being have has had do does did will would shall should can could may might must there here what which who whom whose ' +
    'when where why how all any both each few more most other some such only own same very too just also sth sb something ' +
    'someone somebody one oneself one\'s etc up out off over about'
  ).split(' '),
);

const cache = new Map<string, string>();

/** The lemma of an English word (any case); the empty string for a stop word. */
export function englishLemma(word: string): string {
  const lower = word.toLowerCase();
  let lemma = cache.get(lower);
  if (lemma !== undefined) return lemma;
  if (ENGLISH_STOPWORDS.has(lower)) lemma = '';
  else lemma = stemmer(IRREGULAR[lower] ?? lower);
  if (cache.size < 50_000) cache.set(lower, lemma);
  return lemma;
}

/** Letter runs of an English text (with inner apostrophes and hyphens split off). */
export const ENGLISH_WORD = /[A-Za-z]+/g;

/** The English words of a set of texts, each distinct word once with its lemma. */
export interface EnglishWords {
  /** Each distinct word (a letter run of two letters or more), in lower case. */
  readonly words: readonly string[];
  /** Lemma of each distinct word; '' for stop words. */
  readonly lemmas: readonly string[];
  /** Word ids of text k, in text order with repeats: ids[start[k] … start[k + 1]). */
  readonly start: Int32Array;
  readonly ids: Int32Array;
  /** What each text holds besides its words (EN_* bits), noted in the same pass: readers skip the patterns that cannot match. */
  readonly contents: Uint8Array;
}

/** A digit, 0-9 or full-width ０-９. */
export const EN_DIGIT = 1;
/** . ! ? ; : (or full-width ．) before the text's last character: a sentence may end inside the text. */
export const EN_STOP = 2;
/** White space other than single spaces between words: a tab, a line break, a no-break or ideographic space, two spaces in a row, a space opening or closing the text. */
export const EN_SPACING = 4;
/** An opening bracket "(". */
export const EN_BRACKET = 8;
/** A quotation mark, " or “. */
export const EN_QUOTE = 16;

/** An ASCII letter's lower-case code, 0 for any other character. */
const LOWER = new Uint8Array(0x10000);
for (let c = 65; c <= 90; c++) LOWER[c] = c | 0x20;
for (let c = 97; c <= 122; c++) LOWER[c] = c;

/** EN_* bit of an ASCII character other than a letter (a space: EN_SPACING when another follows it). */
const ASCII_CONTENTS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_CONTENTS[c] = EN_DIGIT;
for (const ch of '.!?;:') ASCII_CONTENTS[ch.charCodeAt(0)] = EN_STOP;
for (const ch of ' \t\n\r\f\v') ASCII_CONTENTS[ch.charCodeAt(0)] = EN_SPACING;
ASCII_CONTENTS[40] = EN_BRACKET;
ASCII_CONTENTS[34] = EN_QUOTE;

function wideContents(c: number): number {
  if (c >= 0xff10 && c <= 0xff19) return EN_DIGIT;
  if (c === 0xff0e) return EN_STOP;
  if (c === 0xa0 || c === 0x3000) return EN_SPACING;
  if (c === 0x201c) return EN_QUOTE;
  return 0;
}

/** 26 letters as digits in base 31: six of them stay below 2³¹, so the number is those letters themselves. */
const EXACT_LETTERS = 6;

/** Slot of a word's two numbers (its first six letters, the rest) in a table of 2^(32 − shift) slots: high bits after a multiplicative mix. */
function slotOf(head: number, tail: number, shift: number): number {
  return Math.imul(Math.imul(head, 0x2f0b3c55) ^ tail, 0x9e3779b1) >>> shift;
}

/**
 * Tokenise texts into the letter runs ENGLISH_WORD finds (those of two letters or more), numbering
 * distinct words (case aside) as they are met: a word met again costs a hash lookup without making a
 * string. The characters between words are noted in `contents` on the way. Lemmas are worked out
 * when first read: a document aligned without a dictionary needs only the words.
 */
export function englishWords(texts: readonly string[]): EnglishWords {
  // A word takes two letters and the character after it: a third of the characters bounds the words,
  // and sizes the tables (a paragraph read alone costs little).
  let chars = 0;
  for (const text of texts) chars += text.length + 1;
  const bound = Math.ceil(chars / 3);
  const words: string[] = [];
  let shift = 32 - Math.min(12, Math.max(4, Math.ceil(Math.log2(2 * bound))));
  let slots = new Int32Array(2 ** (32 - shift));
  // The two numbers of each distinct word (see below): word k's are keys[2k] and keys[2k + 1].
  let keys = new Int32Array(0);
  // Distinct words in lower case, one after the other: word k is keyChars[keyStart[k] … keyStart[k + 1]).
  let keyStart = new Int32Array(1);
  let keyChars = new Uint8Array(Math.min(1 << 14, chars));
  const start = new Int32Array(texts.length + 1);
  const contents = new Uint8Array(texts.length);
  const ids = new Int32Array(bound);
  let size = 0;
  const insert = (id: number): void => {
    let slot = slotOf(keys[2 * id]!, keys[2 * id + 1]!, shift);
    while (slots[slot] !== 0) slot = (slot + 1) & (slots.length - 1);
    slots[slot] = id + 1;
  };
  for (let t = 0; t < texts.length; t++) {
    const text = texts[t]!;
    const n = text.length;
    let found = text.charCodeAt(0) === 32 || text.charCodeAt(n - 1) === 32 ? EN_SPACING : 0;
    let lastSpace = -2;
    for (let at = 0; at < n; ) {
      const c = text.charCodeAt(at);
      if (LOWER[c] === 0) {
        const bits = c < 128 ? ASCII_CONTENTS[c]! : wideContents(c);
        // A stop closing the text ends no sentence inside it; a space counts only right after another.
        if (bits === EN_STOP ? at < n - 1 : c !== 32 || at === lastSpace + 1) found |= bits;
        if (c === 32) lastSpace = at;
        at++;
        continue;
      }
      let end = at;
      // The letters (1 … 26) as numbers in base 31: the first six, then the rest. With the length they
      // are the word itself up to twelve letters (a longer one is then compared letter by letter).
      let head = 0;
      let tail = 0;
      while (end < n) {
        const lower = LOWER[text.charCodeAt(end)]!;
        if (lower === 0) break;
        tail = (Math.imul(tail, 31) + (lower & 31)) | 0;
        end++;
        if (end - at === EXACT_LETTERS) {
          head = tail;
          tail = 0;
        }
      }
      const length = end - at;
      if (length >= 2) {
        let slot = slotOf(head, tail, shift);
        let id = -1;
        for (; slots[slot] !== 0; slot = (slot + 1) & (slots.length - 1)) {
          const candidate = slots[slot]! - 1;
          if (keys[2 * candidate] !== head || keys[2 * candidate + 1] !== tail) continue;
          const from = keyStart[candidate]!;
          if (keyStart[candidate + 1]! - from !== length) continue;
          let same = true;
          if (length > 2 * EXACT_LETTERS) for (let k = 0; k < length && same; k++) same = (text.charCodeAt(at + k) | 0x20) === keyChars[from + k];
          if (same) {
            id = candidate;
            break;
          }
        }
        if (id < 0) {
          id = words.length;
          words.push(text.slice(at, end).toLowerCase());
          if (keys.length <= 2 * id + 2) {
            const grown = new Int32Array(Math.max(128, id * 4));
            grown.set(keys);
            keys = grown;
            const grownStart = new Int32Array(grown.length / 2 + 1);
            grownStart.set(keyStart);
            keyStart = grownStart;
          }
          if (keyChars.length < keyStart[id]! + length) {
            const grown = new Uint8Array(Math.max(keyChars.length * 2, keyStart[id]! + length));
            grown.set(keyChars);
            keyChars = grown;
          }
          for (let k = 0; k < length; k++) keyChars[keyStart[id]! + k] = text.charCodeAt(at + k) | 0x20;
          keyStart[id + 1] = keyStart[id]! + length;
          keys[2 * id] = head;
          keys[2 * id + 1] = tail;
          slots[slot] = id + 1;
          if (words.length * 2 > slots.length) {
            slots = new Int32Array(slots.length * 2);
            shift--;
            for (let k = 0; k < words.length; k++) insert(k);
          }
        }
        ids[size++] = id;
      }
      at = end;
    }
    start[t + 1] = size;
    contents[t] = found;
  }
  let lemmas: string[] | undefined;
  return {
    words,
    get lemmas() {
      return (lemmas ??= words.map(englishLemma));
    },
    start,
    ids: ids.slice(0, size),
    contents,
  };
}
