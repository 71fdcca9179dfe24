import { describe, expect, it } from 'vitest';
import { parseGoDuration } from './go-duration.ts';

describe('parseGoDuration', () => {
  it.each([
    ['24h', 86_400_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['876000h', 876_000 * 3_600_000],
    ['0', 0],
    ['-2m', -120_000],
    ['250ms', 250],
  ])('%s = %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });
  it.each(['', 'forever', '10', '1d', 'h'])('refuses %j', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});
