/**
 * GB18030 (a superset of GBK and GB2312) decoding that agrees byte for byte with glibc's
 * `iconv -f GB18030`. The browser's TextDecoder follows the WHATWG table, which differs from iconv
 * in a handful of places; those are patched here, and bytes iconv refuses are refused too.
 */

export type Gb18030Scan = { ok: true; patches: number[] } | { ok: false; offset: number; reason: string };

// iconv (GB18030-2005 mapping) decodes these two-byte codes to real characters where WHATWG uses
// private-use code points (and the reverse for A3A0).
const ICONV_TWO_BYTE: ReadonlyMap<number, string> = new Map([
  [0xa3a0, '\ue5e5'],
  [0xfe51, '\u{20087}'],
  [0xfe52, '\u{20089}'],
  [0xfe53, '\u{200cc}'],
  [0xfe6c, '\u{215d7}'],
  [0xfe76, '\u{2298f}'],
  [0xfe91, '\u{241fe}'],
]);

// Four-byte codes that WHATWG maps onto characters which iconv only accepts in their two-byte form.
function iconvRejectsFourByte(pointer: number): boolean {
  return (pointer >= 19057 && pointer <= 19064) || (pointer >= 39076 && pointer <= 39085);
}

function isTrail(byte: number): boolean {
  return (byte >= 0x40 && byte <= 0x7e) || (byte >= 0x80 && byte <= 0xfe);
}

/** Validates the whole input and finds the two-byte codes that need iconv's mapping. Linear. */
export function scanGb18030(bytes: Uint8Array): Gb18030Scan {
  const n = bytes.length;
  const patches: number[] = [];
  let i = 0;
  while (i < n) {
    const b1 = bytes[i]!;
    if (b1 < 0x80) {
      i += 1;
      continue;
    }
    if (b1 === 0x80 || b1 === 0xff) return { ok: false, offset: i, reason: `byte ${hex(b1)} is not a GB18030 lead byte` };
    if (i + 1 >= n) return { ok: false, offset: i, reason: `the file ends in the middle of a character (${hexRun(bytes, i, 1)})` };
    const b2 = bytes[i + 1]!;
    if (isTrail(b2)) {
      if (ICONV_TWO_BYTE.has((b1 << 8) | b2)) patches.push(i);
      i += 2;
      continue;
    }
    if (b2 >= 0x30 && b2 <= 0x39) {
      if (i + 3 >= n) return { ok: false, offset: i, reason: `the file ends in the middle of a character (${hexRun(bytes, i, n - i)})` };
      const b3 = bytes[i + 2]!;
      const b4 = bytes[i + 3]!;
      if (b3 < 0x81 || b3 > 0xfe || b4 < 0x30 || b4 > 0x39) {
        return { ok: false, offset: i, reason: `bytes ${hexRun(bytes, i, 4)} are not a GB18030 character` };
      }
      const pointer = (b1 - 0x81) * 12600 + (b2 - 0x30) * 1260 + (b3 - 0x81) * 10 + (b4 - 0x30);
      const valid = (pointer <= 39419 && !iconvRejectsFourByte(pointer)) || (pointer >= 189000 && pointer <= 1237575);
      if (!valid) return { ok: false, offset: i, reason: `bytes ${hexRun(bytes, i, 4)} are not a GB18030 character` };
      i += 4;
      continue;
    }
    return { ok: false, offset: i, reason: `bytes ${hexRun(bytes, i, 2)} are not a GB18030 character` };
  }
  return { ok: true, patches };
}

/** Decodes bytes that `scanGb18030` accepted, applying its patches. */
export function decodeScannedGb18030(bytes: Uint8Array, patches: readonly number[]): string {
  const decoder = new TextDecoder('gb18030', { fatal: true, ignoreBOM: true });
  if (patches.length === 0) return decoder.decode(bytes);
  const parts: string[] = [];
  let start = 0;
  for (const at of patches) {
    parts.push(decoder.decode(bytes.subarray(start, at)));
    parts.push(ICONV_TWO_BYTE.get((bytes[at]! << 8) | bytes[at + 1]!)!);
    start = at + 2;
  }
  parts.push(decoder.decode(bytes.subarray(start)));
  return parts.join('');
}

export function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

export function hexRun(bytes: Uint8Array, from: number, count: number): string {
  const shown: string[] = [];
  for (let i = from; i < Math.min(bytes.length, from + count); i++) shown.push(hex(bytes[i]!));
  return shown.join(' ');
}
