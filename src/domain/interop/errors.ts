// Why a file could not be read or applied. Each error has a code (what kind of problem), a message
// key with its values (the UI shows it in the reader's language: src/i18n holds "interopError.<key>"
// in English and Chinese), and the English message itself (for the CLI and logs). Nothing is changed
// when one is raised.
import { formatMessage } from '../text/index.ts';

export type InteropErrorCode = 'empty' | 'too-large' | 'not-xml' | 'wrong-format' | 'wrong-languages' | 'no-match' | 'invalid';

/** What a file was expected to be, in messages ("… so it is not an XLIFF or TMX file"). */
export const FILE_KINDS = {
  xml: 'an XML file',
  translations: 'an XLIFF or TMX file',
  tmx: 'a TMX file',
  intertext: 'an InterText file',
  intertextDocument: 'an InterText document',
  intertextAlignment: 'an InterText alignment',
} as const;
export type FileKind = keyof typeof FILE_KINDS;

/** The English of every message, `{name}` standing for a value (src/i18n/en.json has the same text). */
export const INTEROP_MESSAGES = {
  tooLarge: 'The file is {size}, over the {limit} limit.',
  empty: 'The file is empty (0 bytes).',
  zip: 'The file is a ZIP archive (a Word document?), not {what}.',
  binary: 'The file is binary, not text, so it is not {what}.',
  unreadable: 'The file cannot be read as text ({reason}), so it is not {what}.',
  noTag: 'The file is not XML (it does not start with a tag), so it is not {what}.',
  malformed: 'The file is not well-formed XML (line {line}, column {column}: {reason}), so it is not {what}.',
  noElement: 'The file holds no XML element, so it is not {what}.',
  notDocx: 'The file is not a Word document (.docx): it is not a ZIP archive.',
  unreadableDocx: 'The file is not a Word document (.docx) that can be read: {reason}',
  emptyDocx: 'The Word document holds no text.',
  xliffNoFile: 'The XLIFF file has no <file> element.',
  xliffVersion: 'This XLIFF file has version "{version}"; Duizhao reads XLIFF 1.2 and 2.x.',
  notTranslationFile: 'The file is XML but not XLIFF or TMX (its root element is <{root}>).',
  wrongLanguages: 'The file translates {pair}; this document needs Chinese → English (zh → en).',
  noUnits: 'The file holds no translation units.',
  notTmx: 'The file is <{root}>, not a TMX file (<tmx>).',
  tmxNoPairs: "{count, plural, one {Its one unit has no Chinese and English pair.} other {None of its # units has both Chinese and English text.}}",
  noMatchById: "{count, plural, one {The file's one unit matches no row of this document by id} other {None of the file's # units matches a row of this document by id}}; is it the translation of another document?",
  noMatchByText: "{count, plural, one {The file's one unit matches no row of this document by its Chinese text} other {None of the file's # units matches a row of this document by its Chinese text}}; is it the translation of another document?",
  interTextFileCount: 'An InterText alignment is three files (two texts and the alignment); {count} given.',
  interTextNoAlignment: 'None of the files is an InterText alignment (a linkGrp).',
  interTextTwoAlignments: 'Two of the files are alignments; give one alignment and its two texts.',
  interTextNoChinese: 'Neither text of the alignment is Chinese.',
  interTextNoEnglish: 'Both texts of the alignment are Chinese; the other must be English.',
  interTextPastEnd: 'The Chinese text of the alignment goes on after the end of this document (at "{id}").',
  interTextDiffers: 'The Chinese text of the alignment differs from this document at paragraph {paragraph} (element "{id}": "{text}").',
  interTextStops: 'The Chinese text of the alignment stops at paragraph {paragraph} of this document; it must cover the whole document.',
  interTextNoEnglishLinked: 'The alignment links no English to this document.',
  interTextDuplicateId: 'The InterText document uses the id "{id}" twice.',
  interTextIsAlignment: 'This is an InterText alignment (linkGrp), not a text document.',
  interTextNoIds: 'The InterText document has no elements with an id to align.',
  interTextNotAlignment: 'An InterText alignment has a linkGrp root element; this file has <{root}>.',
  interTextNoTargets: 'Link {link} has no xtargets attribute.',
  interTextBadTargets: 'Link {link}: xtargets "{targets}" must be two id lists separated by one ";".',
  interTextEmptyLink: 'Link {link} links nothing to nothing.',
  interTextBadType: 'Link {link}: type "{type}" does not match xtargets "{targets}" ({counted}).',
  interTextUnknownId: 'Link {link}: "{id}" is not an element of the {side} document.',
  interTextLinkedTwice: 'Link {link}: "{id}" of the {side} document is linked twice.',
  interTextOutOfOrder: 'Link {link}: "{id}" of the {side} document is out of order.',
  // Notices (the import goes on): what an InterText alignment leaves aside.
  interTextEnglishAlone: 'English {ids} has no Chinese; it joins the neighbouring row.',
  interTextParagraphsAlone: '¶{positions}: no English in the alignment; left as is.',
} as const;
export type InteropMessage = keyof typeof INTEROP_MESSAGES;
export type InteropParams = Record<string, string | number>;

/** Fills `{name}` in a template; a `what` value that is a file kind reads as its English. */
function fill(template: string, params: InteropParams): string {
  const what = params['what'];
  const values = what !== undefined && what in FILE_KINDS ? { ...params, what: FILE_KINDS[what as FileKind] } : params;
  return formatMessage(template, values, 'en');
}

/** Something worth telling about a file that was read all the same. */
export interface InteropNotice {
  key: InteropMessage;
  params: InteropParams;
  /** The English text. */
  message: string;
}

export function interopNotice(key: InteropMessage, params: InteropParams = {}): InteropNotice {
  return { key, params, message: fill(INTEROP_MESSAGES[key], params) };
}

export class InteropError extends Error {
  readonly code: InteropErrorCode;
  readonly key: InteropMessage;
  readonly params: InteropParams;

  constructor(code: InteropErrorCode, key: InteropMessage, params: InteropParams = {}) {
    super(fill(INTEROP_MESSAGES[key], params));
    this.name = 'InteropError';
    this.code = code;
    this.key = key;
    this.params = params;
  }
}

export function isInteropError(value: unknown): value is InteropError {
  return value instanceof InteropError;
}
