import { describe, expect, it } from 'vitest';
import { shownStatus } from './translation-status.ts';

describe('shownStatus', () => {
  it('follows the rules the database applies on save', () => {
    expect(shownStatus('empty', null)).toBe('empty');
    expect(shownStatus('empty', { status: null, text: 'The two sides' })).toBe('draft');
    expect(shownStatus('empty', { status: null, text: '  ' })).toBe('empty');
    expect(shownStatus('approved', { status: null, text: 'edited' })).toBe('translated');
    expect(shownStatus('draft', { status: 'translated', text: 'done' })).toBe('translated');
    expect(shownStatus('translated', { status: null, text: 'more' })).toBe('translated');
    expect(shownStatus('rejected', { status: null, text: 'reworded' })).toBe('draft');
    expect(shownStatus('rejected', { status: 'translated', text: 'reworded' })).toBe('translated');
  });
});
