import { describe, expect, it } from 'vitest';
import en from './en.json';
import zh from './zh.json';
import { format, translator } from './i18n.tsx';

describe('i18n', () => {
  it('has the same keys in every language', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('has no empty strings and the same placeholders in every language', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(zh[key].trim(), key).not.toBe('');
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('fills placeholders', () => {
    expect(format('Paragraph {n}', { n: 5 })).toBe('Paragraph 5');
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(translator('zh')('workspace.paragraph', { n: 3 })).toContain('3');
  });
});
