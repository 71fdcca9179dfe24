import { describe, expect, it } from 'vitest';
import { isSafeHref } from './safe-href.ts';

describe('isSafeHref', () => {
  it('allows only absolute http(s) and mailto URLs', () => {
    expect(isSafeHref('https://example.org')).toBe(true);
    expect(isSafeHref('http://example.org/a?b#c')).toBe(true);
    expect(isSafeHref('mailto:x@example.org')).toBe(true);
    expect(isSafeHref('javascript:alert(1)')).toBe(false);
    expect(isSafeHref('JAVASCRIPT:alert(1)')).toBe(false);
    expect(isSafeHref('data:text/html;base64,PHNjcmlwdD4=')).toBe(false);
    expect(isSafeHref('ftp://example.org')).toBe(false);
    expect(isSafeHref(42)).toBe(false);
  });
});
