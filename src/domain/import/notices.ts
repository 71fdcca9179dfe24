// What the importer tells the user about a file it read: what it dropped, moved or guessed. Each
// notice has a key and values (the UI shows "importNotice.<key>" from src/i18n in English or
// Chinese) and its English text (for the CLI and the tests). en.json holds the same English.
import { formatMessage } from '../text/index.ts';

export const IMPORT_NOTICES = {
  gb18030: 'Read as GB18030 (Chinese encoding).',
  gb18030NotUtf8: 'Read as GB18030: the file is not valid UTF-8.',
  damagedCharacters: 'The file already contains {count, plural, one {# damaged character} other {# damaged characters}} (�), damaged before it was imported; check the original.',
  controlsRemoved: 'Invisible control characters removed: {count}.',
  noHeader: 'No export header: the first line {text} is used as the title.',
  subtitle: 'The line after the title, {text}, is kept as the subtitle (副标题).',
  repeatedKeywords: 'Repeated keywords dropped: {count}.',
  metadataTwice: '“{key}” appears twice in the header: {kept} is kept, {ignored} left out.',
  notADate: '{key} {value} is not a date, so the date is left empty.',
  editorMoved: 'The editor line {text}{times} was moved to the details as 责任编辑.',
  captionRemoved: 'Photo caption removed{times}: {text}',
  footerRemoved: 'Print or page footer removed{times}: {text}',
  shortRepeatKeptLine: 'Line {line} at the end repeats the start of the text but is too short to be a second copy; it is kept.',
  shortRepeatKept: 'Lines {first}–{last} at the end repeat the start of the text but are too short to be a second copy; they are kept.',
  duplicateRemoved: 'The export repeated the text: the copy of {count, plural, one {# paragraph} other {# paragraphs}}, lines {first}–{last}, was removed.',
  duplicateRemovedCut: 'The export repeated the text: the copy of {count, plural, one {# paragraph} other {# paragraphs}}, lines {first}–{last} (cut off before its end), was removed.',
  headings: 'Section headings recognised: {count}.',
  closing: 'Closing block recognised: {count, plural, one {# paragraph} other {# paragraphs}} — place and date, signatories (each signature line keeps its columns), source.',
  titleReplaced: 'The title in the file, {title}, was replaced by the title given.',
  titleGuessed: 'No title line: the title {title} was taken from the start of the first paragraph.',
  looksEnglish: 'This looks like English; import it as the translation to align instead?',
  word: 'Read from a Word document (.docx).',
  wordMessage: 'Word: {message}',
} as const;
export type ImportNoticeKey = keyof typeof IMPORT_NOTICES;
export type ImportNoticeParams = Record<string, string | number>;

export interface ImportNotice {
  key: ImportNoticeKey;
  params: ImportNoticeParams;
  /** The English text. */
  text: string;
}

export function importNotice(key: ImportNoticeKey, params: ImportNoticeParams = {}): ImportNotice {
  const text = formatMessage(IMPORT_NOTICES[key], params, 'en');
  return { key, params, text };
}

/** Whether a body is mostly Latin letters rather than Chinese: an English text given as the source. */
export function looksLatin(texts: readonly string[]): boolean {
  let latin = 0;
  let han = 0;
  for (const text of texts) {
    latin += text.match(/[A-Za-z]/g)?.length ?? 0;
    han += text.match(/\p{Script=Han}/gu)?.length ?? 0;
  }
  // A Chinese word is one or two characters, an English one about five letters: compare words.
  return latin > 0 && latin / 5 > han * 2;
}
