// A TMX file as translation memory: each unit's Chinese and English segments, with who wrote or
// last changed it and when (TMX's changeid/creationid and changedate/creationdate, on the unit or
// its English variant), which the memory shows beside a suggestion. The file is read by
// domain/interop's translation-file reader (strict decoding, size limit, clear errors).
import { InteropError, readTranslationFile } from '../interop/index.ts';

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

/** Reads a TMX file of Chinese–English units (through interop's reader); raises InteropError for anything else. */
export function readMemoryFile(input: Uint8Array | string): MemoryFile {
  const file = readTranslationFile(input);
  if (file.format !== 'tmx') throw new InteropError('wrong-format', 'notTmx', { root: 'xliff' });
  const units: MemoryFileUnit[] = [];
  for (const unit of file.units) {
    const source = unit.source.trim();
    const target = unit.target.trim();
    if (source && target) units.push({ source, target, author: unit.author, updated_at: unit.updatedAt });
  }
  const skipped = file.units.length - units.length;
  if (units.length === 0) throw new InteropError('wrong-languages', 'tmxNoPairs', { count: skipped });
  return { sourceLanguage: file.sourceLanguage ?? 'zh', targetLanguage: file.targetLanguage ?? 'en', units, skipped };
}
