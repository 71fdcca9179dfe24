// Reading translations done elsewhere: XLIFF 1.2, XLIFF 2.x and TMX files become a list of units
// (id, Chinese source, English target, state, and the row version Duizhao wrote when it exported
// the file). Inline codes are dropped, their text kept.
import { InteropError } from './errors.ts';
import { attr, decodeXmlBytes, elements, findAll, localName, parseXml, type XmlElement, type XmlNode } from './xml.ts';

export type TranslationFileFormat = 'xliff12' | 'xliff2' | 'tmx';

export interface TranslationUnit {
  /** 1-based order in the file. */
  n: number;
  /** XLIFF unit id or TMX tuid; null when absent. */
  id: string | null;
  source: string;
  target: string;
  /** The target's state as written (XLIFF), or null. */
  state: string | null;
  /** The row version in Duizhao's own attribute, when Duizhao exported the file. */
  version: number | null;
  /** TMX: who last changed or created the English (its variant's changeid/creationid, else the unit's). */
  author?: string | undefined;
  /** TMX: when, as ISO 8601 (changedate/creationdate, likewise). */
  updatedAt?: string | undefined;
}

export interface TranslationFile {
  format: TranslationFileFormat;
  sourceLanguage: string | null;
  targetLanguage: string | null;
  units: TranslationUnit[];
}

// Inline elements whose content is native code, not text (XLIFF 1.2 bpt/ept/ph/it/sub aside, 2.x originalData).
const CODE_ELEMENTS = new Set(['bpt', 'ept', 'ph', 'it', 'originalData']);

/** The text of a source or target: inline markup unwrapped, native codes dropped, <cp> decoded. */
export function inlineText(el: XmlNode): string {
  if (typeof el === 'string') return el;
  const name = localName(el.name);
  if (name === 'cp') {
    const hex = attr(el, 'hex');
    return hex && /^[0-9a-f]{1,6}$/i.test(hex) ? String.fromCodePoint(parseInt(hex, 16)) : '';
  }
  if (CODE_ELEMENTS.has(name) && el.children.every((c) => typeof c === 'string')) return '';
  let s = '';
  for (const c of el.children) s += inlineText(c);
  return s;
}

function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function versionOf(el: XmlElement): number | null {
  for (const [key, value] of Object.entries(el.attrs)) {
    if (key.includes(':') && localName(key) === 'version' && /^\d{1,9}$/.test(value)) return Number(value);
  }
  return null;
}

function readXliff12(root: XmlElement): TranslationFile {
  const files = findAll(root, 'file');
  if (files.length === 0) throw new InteropError('invalid', 'xliffNoFile');
  const units: TranslationUnit[] = [];
  for (const file of files) {
    for (const unit of findAll(file, 'trans-unit')) {
      const source = elements(unit, 'source')[0];
      const target = elements(unit, 'target')[0];
      units.push({
        n: units.length + 1,
        id: attr(unit, 'id') ?? null,
        source: normaliseNewlines(source ? inlineText(source) : ''),
        target: normaliseNewlines(target ? inlineText(target) : ''),
        state: target ? (attr(target, 'state') ?? null) : null,
        version: versionOf(unit),
      });
    }
  }
  return { format: 'xliff12', sourceLanguage: attr(files[0]!, 'source-language') ?? null, targetLanguage: attr(files[0]!, 'target-language') ?? null, units };
}

function readXliff2(root: XmlElement): TranslationFile {
  const units: TranslationUnit[] = [];
  for (const unit of findAll(root, 'unit')) {
    let source = '';
    let target = '';
    let state: string | null = null;
    // Segments and ignorables in order make up the unit's text.
    for (const part of elements(unit).filter((c) => localName(c.name) === 'segment' || localName(c.name) === 'ignorable')) {
      const s = elements(part, 'source')[0];
      const t = elements(part, 'target')[0];
      source += s ? inlineText(s) : '';
      target += t ? inlineText(t) : s && localName(part.name) === 'ignorable' ? inlineText(s) : '';
      if (localName(part.name) === 'segment') state ??= attr(part, 'state') ?? 'initial';
    }
    units.push({ n: units.length + 1, id: attr(unit, 'id') ?? null, source: normaliseNewlines(source), target: normaliseNewlines(target), state, version: versionOf(unit) });
  }
  return { format: 'xliff2', sourceLanguage: attr(root, 'srcLang') ?? null, targetLanguage: attr(root, 'trgLang') ?? null, units };
}

function isChinese(lang: string | null | undefined): boolean {
  return !!lang && /^zh\b/i.test(lang);
}

function isEnglish(lang: string | null | undefined): boolean {
  return !!lang && /^en\b/i.test(lang);
}

/** TMX dates are basic ISO 8601 (20140520T101500Z). */
function tmxDate(value: string | undefined): string | undefined {
  const m = value && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : undefined;
}

function readTmx(root: XmlElement): TranslationFile {
  const header = elements(root, 'header')[0];
  const srclang = header ? (attr(header, 'srclang') ?? null) : null;
  const units: TranslationUnit[] = [];
  const languages = new Set<string>();
  for (const tu of findAll(root, 'tu')) {
    const tuvs = elements(tu, 'tuv').map((tuv) => ({ tuv, lang: attr(tuv, 'lang') ?? '', seg: elements(tuv, 'seg')[0] }));
    for (const t of tuvs) languages.add(t.lang);
    const zh = tuvs.find((t) => isChinese(t.lang));
    const en = tuvs.find((t) => isEnglish(t.lang));
    units.push({
      n: units.length + 1,
      id: attr(tu, 'tuid') ?? null,
      source: normaliseNewlines(zh?.seg ? inlineText(zh.seg) : ''),
      target: normaliseNewlines(en?.seg ? inlineText(en.seg) : ''),
      state: null,
      version: null,
      author: (en && (attr(en.tuv, 'changeid') ?? attr(en.tuv, 'creationid'))) ?? attr(tu, 'changeid') ?? attr(tu, 'creationid'),
      updatedAt:
        (en && tmxDate(attr(en.tuv, 'changedate') ?? attr(en.tuv, 'creationdate'))) ?? tmxDate(attr(tu, 'changedate') ?? attr(tu, 'creationdate')),
    });
  }
  const source = [...languages].find(isChinese) ?? srclang;
  const others = [...languages].filter((l) => l.toLowerCase() !== (source ?? '').toLowerCase());
  return { format: 'tmx', sourceLanguage: source, targetLanguage: others.find(isEnglish) ?? others[0] ?? null, units };
}

/**
 * Reads an XLIFF (1.2 or 2.x) or TMX file of Chinese → English translations. Raises an
 * InteropError for anything else: not XML, another format, another language pair, no units.
 */
export function readTranslationFile(input: Uint8Array | string): TranslationFile {
  const text = typeof input === 'string' ? input : decodeXmlBytes(input, 'translations');
  const root = parseXml(text, 'translations');
  const name = localName(root.name);
  let file: TranslationFile;
  if (name === 'xliff') {
    const version = attr(root, 'version') ?? '';
    if (/^1\./.test(version)) file = readXliff12(root);
    else if (/^2\./.test(version)) file = readXliff2(root);
    else throw new InteropError('wrong-format', 'xliffVersion', { version });
  } else if (name === 'tmx') {
    file = readTmx(root);
  } else {
    throw new InteropError('wrong-format', 'notTranslationFile', { root: root.name });
  }
  const pair = `${file.sourceLanguage ?? '?'} → ${file.targetLanguage ?? '?'}`;
  if (!isChinese(file.sourceLanguage) || (file.targetLanguage !== null && !isEnglish(file.targetLanguage))) {
    throw new InteropError('wrong-languages', 'wrongLanguages', { pair });
  }
  if (file.units.length === 0) throw new InteropError('invalid', 'noUnits');
  return file;
}
