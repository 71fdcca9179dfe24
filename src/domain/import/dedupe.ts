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

/**
 * Z-array: z[i] is the length of the longest common prefix of `s` and `s.slice(i)`.
 * Linear time, so a 20 MB body is checked for a repeated copy in one pass.
 */
export function zArray(s: string): Int32Array {
  const n = s.length;
  const z = new Int32Array(n);
  if (n === 0) return z;
  z[0] = n;
  let left = 0;
  let right = 0;
  for (let i = 1; i < n; i++) {
    let k = 0;
    if (i < right) k = Math.min(right - i, z[i - left]!);
    while (i + k < n && s.charCodeAt(k) === s.charCodeAt(i + k)) k++;
    z[i] = k;
    if (i + k > right) {
      left = i;
      right = i + k;
    }
  }
  return z;
}

/**
 * Finds where the rest of the body repeats its beginning (compared without whitespace, so
 * re-wrapped or re-spaced lines still match), possibly cut off before the end of the copy.
 * `titleKey`, the squeezed title, lets the copy start with the title line too.
 *
 * A copy is accepted as an export artefact when it has at least three lines, or two laid out
 * differently from the original (no blank lines where the original had them), or when it repeats
 * at least half of the body. A shorter match (a closing line that echoes the opening) is reported
 * but kept.
 */
export function findRepetition(lines: readonly BodyLine[], titleKey: string | null): Repetition | null {
  const keys = lines.map((l) => squeeze(l.text));
  const starts = new Int32Array(lines.length + 1);
  for (let i = 0; i < keys.length; i++) starts[i + 1] = starts[i]! + keys[i]!.length;
  const total = starts[lines.length]!;
  if (total === 0) return null;
  const z = zArray(keys.join(''));
  const firstKeyLength = keys[0]!.length;

  for (let j = 1; j < lines.length; j++) {
    const at = starts[j]!;
    // The copy may begin with the title line, which is not part of the body it repeats.
    const titled = titleKey !== null && keys[j] === titleKey && j + 1 < lines.length;
    const from = titled ? starts[j + 1]! : at;
    const rest = total - from;
    if (rest > at || rest < firstKeyLength || z[from]! < rest) continue;
    const copyLines = lines.length - j;
    const truncated = rest < at;
    const laidOutDifferently = copyLines >= 2 && lines.slice(j + 1).every((l) => !l.afterBlank) && lines.slice(1, j).some((l) => l.afterBlank);
    const accepted = copyLines >= 3 || (copyLines >= 2 && laidOutDifferently) || (copyLines >= 2 && rest * 2 >= at);
    return { start: j, lines: copyLines, truncated, accepted };
  }
  return null;
}
