import { describe, expect, it } from 'vitest';
import en from './en.json';
import zh from './zh.json';
import { format, translator } from './i18n.tsx';

describe('i18n', () => {
  it('has the same keys in every language', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('has no empty strings and the same placeholders in every language', () => {
    // A plural form ("{count, plural, one {…} other {…}}") counts as its variable's placeholder.
    const placeholders = (s: string) =>
      [...new Set([...s.replace(/\{(\w+), plural,(?:\s*=?\w+\s*\{[^{}]*\})+\s*\}/g, '{$1}').matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
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

  it('picks plural forms by the locale', () => {
    const edits = '{count, plural, one {# edit} other {# edits}} could not be saved';
    expect(format(edits, { count: 1 })).toBe('1 edit could not be saved');
    expect(format(edits, { count: 0 })).toBe('0 edits could not be saved');
    expect(format(edits, { count: 2 })).toBe('2 edits could not be saved');
    expect(format('used {n, plural, =1 {once} other {# times}}', { n: 1 })).toBe('used once');
    expect(format('{n, plural, one {# row} other {# rows}} of {total}', { n: '1,204', total: 9 })).toBe('1,204 rows of 9');
    // Chinese has one form: "other".
    expect(format('{count, plural, other {# 处}}', { count: 1 }, 'zh')).toBe('1 处');
    const en = translator('en');
    expect(en('save.global.errors', { count: 1 })).toBe('1 edit could not be saved');
    expect(en('save.global.offlineWaiting', { count: 3 })).toBe('Offline — 3 edits kept on this device');
    expect(en('review.bulk.confirm', { count: 1 })).toBe('Approve 1 item');
    expect(translator('zh')('save.global.errors', { count: 1 })).toBe('1 处修改未能保存');
  });

  it('leaves no "(s)" plural in English strings', () => {
    const loose = Object.entries(en).filter(([, text]) => /\w\(s\)/.test(text));
    expect(loose).toEqual([]);
  });
});
