import { squeeze } from './lines.ts';

/** A non-blank line of the body. */
export interface BodyLine {
  /** 0-based line number in the file. */
  line: number;
  raw: string;
  /** Trimmed of indentation and trailing blanks; never empty. */
  text: string;
  indented: boolean;
  /** Preceded by a blank line (or the start of the body). */
  afterBlank: boolean;
}

export interface Repetition {
  /** Index (into the lines given) where the repeated copy starts. */
  start: number;
  /** How many lines of the copy there are. */
  lines: number;
  /** Whether the copy stops before repeating everything before it. */
  truncated: boolean;
  accepted: boolean;
}

// Two polynomial hashes modulo 2^32 (Math.imul wraps for free). A match of both is only a
// candidate: it is confirmed character by character, so a collision can cost time, never correctness.
const BASES = [0x01000193, 0x5bd1e995] as const;

function powHash(base: number, exponent: number): number {
  let result = 1;
  let factor = base;
  for (let e = exponent; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = Math.imul(result, factor);
    factor = Math.imul(factor, factor);
  }
  return result;
}

/** Squeezed lines read as one string without building it: 20 MB of text costs no copy. */
class SqueezedText {
  readonly starts: Float64Array;
  readonly total: number;

  constructor(readonly keys: readonly string[]) {
    this.starts = new Float64Array(keys.length + 1);
    for (let i = 0; i < keys.length; i++) this.starts[i + 1] = this.starts[i]! + keys[i]!.length;
    this.total = this.starts[keys.length]!;
  }

  /** Prefix hashes (both bases) at every line start. */
  lineHashes(): [Int32Array, Int32Array] {
    const hashes: [Int32Array, Int32Array] = [new Int32Array(this.keys.length + 1), new Int32Array(this.keys.length + 1)];
    let h0 = 0;
    let h1 = 0;
    for (let i = 0; i < this.keys.length; i++) {
      const key = this.keys[i]!;
      for (let k = 0; k < key.length; k++) {
        const c = key.charCodeAt(k);
        h0 = (Math.imul(h0, BASES[0]) + c) | 0;
        h1 = (Math.imul(h1, BASES[1]) + c) | 0;
      }
      hashes[0][i + 1] = h0;
      hashes[1][i + 1] = h1;
    }
    return hashes;
  }

  /** Prefix hashes at the given lengths (ascending), in one pass. */
  prefixHashes(lengths: readonly number[]): Map<number, [number, number]> {
    const found = new Map<number, [number, number]>();
    let next = 0;
    let position = 0;
    let h0 = 0;
    let h1 = 0;
    while (next < lengths.length && lengths[next] === 0) found.set(lengths[next++]!, [0, 0]);
    for (let i = 0; i < this.keys.length && next < lengths.length; i++) {
      const key = this.keys[i]!;
      for (let k = 0; k < key.length && next < lengths.length; k++) {
        const c = key.charCodeAt(k);
        h0 = (Math.imul(h0, BASES[0]) + c) | 0;
        h1 = (Math.imul(h1, BASES[1]) + c) | 0;
        position++;
        while (next < lengths.length && lengths[next] === position) found.set(lengths[next++]!, [h0, h1]);
      }
    }
    return found;
  }

  /** Whether the `length` characters from line `line` equal the first `length` characters. */
  matchesStart(line: number, length: number): boolean {
    let a = 0;
    let aOffset = 0;
    let b = line;
    let bOffset = 0;
    for (let n = 0; n < length; n++) {
      while (aOffset >= this.keys[a]!.length) {
        a++;
        aOffset = 0;
      }
      while (bOffset >= this.keys[b]!.length) {
        b++;
        bOffset = 0;
      }
      if (this.keys[a]!.charCodeAt(aOffset++) !== this.keys[b]!.charCodeAt(bOffset++)) return false;
    }
    return true;
  }
}

/**
 * Finds where the rest of the body repeats its beginning (compared without whitespace, so
 * re-wrapped or re-spaced lines still match), possibly cut off before the end of the copy.
 * `titleKey`, the squeezed title, lets the copy start with the title line too.
 *
 * Linear in the text: one hash pass gives every candidate's fingerprint, and only a candidate
 * whose fingerprints match is compared character by character.
 *
 * A copy is accepted as an export artefact when it has at least three lines, or two laid out
 * differently from the original (no blank lines where the original had them), or when it repeats
 * at least half of the body. A shorter match (a closing line that echoes the opening) is reported
 * but kept.
 */
export function findRepetition(lines: readonly BodyLine[], titleKey: string | null): Repetition | null {
  if (lines.length < 2) return null;
  const text = new SqueezedText(lines.map((l) => squeeze(l.text)));
  const { starts, total, keys } = text;
  const firstKeyLength = keys[0]!.length;

  const candidates: { line: number; copyStart: number; from: number; rest: number }[] = [];
  for (let j = 1; j < lines.length; j++) {
    const at = starts[j]!;
    // The copy may begin with the title line, which is not part of the body it repeats.
    const titled = titleKey !== null && keys[j] === titleKey && j + 1 < lines.length;
    const from = titled ? j + 1 : j;
    const rest = total - starts[from]!;
    if (rest <= at && rest >= firstKeyLength) candidates.push({ line: j, copyStart: at, from, rest });
  }
  if (candidates.length === 0) return null;

  const [lineHash0, lineHash1] = text.lineHashes();
  const prefixes = text.prefixHashes([...new Set(candidates.map((c) => c.rest))].sort((a, b) => a - b));
  for (const { line, copyStart, from, rest } of candidates) {
    const tail0 = (lineHash0[lines.length]! - Math.imul(lineHash0[from]!, powHash(BASES[0], rest))) | 0;
    const tail1 = (lineHash1[lines.length]! - Math.imul(lineHash1[from]!, powHash(BASES[1], rest))) | 0;
    const [prefix0, prefix1] = prefixes.get(rest)!;
    if (tail0 !== prefix0 || tail1 !== prefix1 || !text.matchesStart(from, rest)) continue;

    const copyLines = lines.length - line;
    const laidOutDifferently = copyLines >= 2 && lines.slice(line + 1).every((l) => !l.afterBlank) && lines.slice(1, line).some((l) => l.afterBlank);
    const accepted = copyLines >= 3 || (copyLines >= 2 && laidOutDifferently) || (copyLines >= 2 && rest * 2 >= copyStart);
    return { start: line, lines: copyLines, truncated: rest < copyStart, accepted };
  }
  return null;
}
