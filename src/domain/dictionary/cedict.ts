// CC-CEDICT (https://cc-cedict.org, CC BY-SA 4.0, published by MDBG): its text format read into
// entries. One line per entry: `傳統 传统 [chuan2 tong3] /tradition/traditional/CL:個|个[ge4]/`;
// lines starting with # are comments, `#! key=value` lines are the header.

export interface CedictEntry {
  traditional: string;
  simplified: string;
  /** Numbered pinyin as written in CC-CEDICT ("chuan2 tong3"). */
  pinyin: string;
  definitions: string[];
}

const LINE = /^(\S+) (\S+) \[([^\]]*)\] \/(.*)\/\s*$/;

/** One entry line, or null for a comment, a blank line or a line that is not an entry. */
export function parseCedictLine(line: string): CedictEntry | null {
  if (line.startsWith('#')) return null;
  const match = LINE.exec(line);
  if (!match) return null;
  const definitions = match[4]!.split('/').filter((d) => d.trim() !== '');
  if (definitions.length === 0) return null;
  return { traditional: match[1]!, simplified: match[2]!, pinyin: match[3]!, definitions };
}

/** Every entry of a CC-CEDICT file, in file order. */
export function parseCedict(text: string): CedictEntry[] {
  const entries: CedictEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const entry = parseCedictLine(line);
    if (entry) entries.push(entry);
  }
  return entries;
}

/** The `#! key=value` header lines (version, date, entries, license…). */
export function cedictHeader(text: string): Record<string, string> {
  const header: Record<string, string> = {};
  for (const line of text.split(/\r?\n/, 200)) {
    const match = /^#!\s*([\w-]+)=(.*)$/.exec(line);
    if (match) header[match[1]!] = match[2]!.trim();
  }
  return header;
}
