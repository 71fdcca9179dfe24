import { describe, expect, it } from 'vitest';
import { findRepetition, type BodyLine } from './dedupe.ts';

/** Lines as in an export: `|` before a line marks a blank line above it. */
function bodyLines(...texts: string[]): BodyLine[] {
  return texts.map((t, line) => {
    const afterBlank = t.startsWith('|');
    const text = afterBlank ? t.slice(1) : t;
    return { line, raw: `\u3000\u3000${text}`, text, indented: true, afterBlank: afterBlank || line === 0 };
  });
}

describe('findRepetition', () => {
  it('finds a full copy laid out without blank lines', () => {
    const lines = bodyLines('甲段落。', '|乙段落。', '|丙段落。', '甲段落。', '乙段落。', '丙段落。');
    expect(findRepetition(lines, null)).toEqual({ start: 3, lines: 3, truncated: false, accepted: true });
  });

  it('finds a copy that ignores whitespace differences and is cut off', () => {
    const lines = bodyLines('甲 段落，很长的一句话。', '|乙段落。', '|丙段落。', '|丁段落。', '甲段落，很长的一句话。', '乙段', '落。', '丙');
    expect(findRepetition(lines, null)).toEqual({ start: 4, lines: 4, truncated: true, accepted: true });
  });

  it('lets the copy start with the title line', () => {
    const lines = bodyLines('甲段落。', '|乙段落。', '|标题', '甲段落。', '乙段落。');
    expect(findRepetition(lines, '标题')).toMatchObject({ start: 2, accepted: true });
    expect(findRepetition(lines, null)).toMatchObject({ start: 3, accepted: true });
  });

  it('reports but does not accept a single echoing line', () => {
    const lines = bodyLines('感谢每一位志愿者。', '|过去的一个月里，你们坚守岗位。', '|感谢每一位志愿者。');
    expect(findRepetition(lines, null)).toEqual({ start: 2, lines: 1, truncated: true, accepted: false });
  });

  it('ignores a repeat in the middle of the body and a tail that only starts like the body', () => {
    expect(findRepetition(bodyLines('甲。', '|乙。', '|甲。', '|丙。'), null)).toBeNull();
    expect(findRepetition(bodyLines('甲段落。', '|乙段落。', '|丙段落。', '甲段', '落甲'), null)).toBeNull();
  });

  it('agrees with a direct comparison on random bodies', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const words = ['甲', '乙乙', '丙', '甲乙'];
    for (let round = 0; round < 400; round++) {
      const texts = Array.from({ length: 1 + Math.floor(random() * 8) }, () => words[Math.floor(random() * words.length)]!);
      const lines = bodyLines(...texts);
      const joined = texts.join('');
      let expected: number | null = null;
      let offset = texts[0]!.length;
      for (let j = 1; j < texts.length && expected === null; j++) {
        const rest = joined.length - offset;
        if (rest <= offset && rest >= texts[0]!.length && joined.slice(offset) === joined.slice(0, rest)) expected = j;
        offset += texts[j]!.length;
      }
      expect(findRepetition(lines, null)?.start ?? null).toBe(expected);
    }
  });

  it('takes the largest copy that does not overlap the original', () => {
    const lines = bodyLines('甲。', '|乙。', '|甲。', '|乙。', '甲。', '乙。', '甲。', '乙。');
    expect(findRepetition(lines, null)).toMatchObject({ start: 4, lines: 4 });
  });
});
