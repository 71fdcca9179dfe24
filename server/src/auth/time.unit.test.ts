import { describe, expect, it } from 'vitest';
import { goTime } from './time.ts';

describe('goTime', () => {
  it.each([
    ['2024-10-05T15:05:01.251490', '2024-10-05T15:05:01.25149Z'],
    ['2024-10-05T15:05:01.000000', '2024-10-05T15:05:01Z'],
    ['2024-10-05T15:05:01.000001', '2024-10-05T15:05:01.000001Z'],
  ])('%s → %s', (input, output) => {
    expect(goTime(input)).toBe(output);
  });
  it('leaves null unset', () => {
    expect(goTime(null)).toBeUndefined();
  });
});
