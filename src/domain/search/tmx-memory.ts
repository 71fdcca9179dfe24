// A TMX file as translation memory: each unit's Chinese and English segments, with who wrote or
// last changed it and when (TMX's changeid/creationid and changedate/creationdate, on the unit or
// its English variant), which the memory shows beside a suggestion. XML reading goes through
// domain/interop's parser (strict decoding, size limit, clear errors).
import { InteropError, attr, decodeXmlBytes, elements, findAll, localName, parseXml, type XmlElement, type XmlNode } from '../interop/index.ts';

export interface MemoryFileUnit {
  source: string;
  target: string;
  author?: string | undefined;
  /** ISO 8601. */
  updated_at?: string | undefined;
}

export interface MemoryFile {
  sourceLanguage: string;
  targetLanguage: string;
  units: MemoryFileUnit[];
  /** Units left out: no Chinese or no English text. */
  skipped: number;
}

// Inline elements holding native codes (formatting of the tool that wrote the file), not text.
const CODES = new Set(['bpt', 'ept', 'ph', 'it', 'ut']);

function segmentText(node: XmlNode): string {
  if (typeof node === 'string') return node;
  if (CODES.has(localName(node.name))) return '';
  return node.children.map(segmentText).join('');
}

const isChinese = (lang: string) => /^zh\b/i.test(lang);
const isEnglish = (lang: string) => /^en\b/i.test(lang);

/** TMX dates are basic ISO 8601 (20140520T101500Z). */
function tmxDate(value: string | undefined): string | undefined {
  const m = value && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : undefined;
}

function meta(el: XmlElement, kind: 'id' | 'date'): string | undefined {
  return kind === 'id' ? (attr(el, 'changeid') ?? attr(el, 'creationid')) : tmxDate(attr(el, 'changedate') ?? attr(el, 'creationdate'));
}

/** Reads a TMX file of Chinese–English units; raises InteropError for anything else. */
export function readMemoryFile(input: Uint8Array | string): MemoryFile {
  const text = typeof input === 'string' ? input : decodeXmlBytes(input, 'tmx');
  const root = parseXml(text, 'tmx');
  if (localName(root.name) !== 'tmx') throw new InteropError('wrong-format', 'notTmx', { root: root.name });
  const units: MemoryFileUnit[] = [];
  let skipped = 0;
  let zh = '';
  let en = '';
  for (const tu of findAll(root, 'tu')) {
    const variants = elements(tu, 'tuv').map((tuv) => ({ tuv, lang: attr(tuv, 'lang') ?? '', seg: elements(tuv, 'seg')[0] }));
    const source = variants.find((v) => isChinese(v.lang));
    const target = variants.find((v) => isEnglish(v.lang));
    const sourceText = source?.seg ? segmentText(source.seg).trim() : '';
    const targetText = target?.seg ? segmentText(target.seg).trim() : '';
    if (!source || !target || !sourceText || !targetText) {
      skipped++;
      continue;
    }
    zh ||= source.lang;
    en ||= target.lang;
    units.push({
      source: sourceText,
      target: targetText,
      author: meta(target.tuv, 'id') ?? meta(tu, 'id'),
      updated_at: meta(target.tuv, 'date') ?? meta(tu, 'date'),
    });
  }
  if (units.length === 0) {
    throw skipped ? new InteropError('wrong-languages', 'tmxNoPairs', { count: skipped }) : new InteropError('wrong-languages', 'noUnits');
  }
  return { sourceLanguage: zh, targetLanguage: en, units, skipped };
}
