/** LF, CRLF, CR (and the Unicode line and paragraph separators) all end a line. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|[\n\r\v\f\u2028\u2029]/);
}

/** Leading U+3000, U+00A0, spaces or tabs mark a paragraph's first line. */
export function isIndented(line: string): boolean {
  return /^\s/.test(line) && line.trim() !== '';
}

/** The text compared when looking for repeated content: all whitespace removed. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

export function quote(text: string, max = 40): string {
  return `“${text.length > max ? `${text.slice(0, max)}…` : text}”`;
}
