import { describe, expect, it } from 'vitest';
import { completeTag, currentTag, tagSuggestions } from './tags-input.tsx';

const project = ['treaty', 'CICA', 'trade', 'energy', 'silk-road'];

describe('tag completion', () => {
  it('completes the tag being typed, after the last separator', () => {
    expect(currentTag('treaty, ci')).toEqual({ before: 'treaty,', tag: 'ci' });
    expect(currentTag('#tr')).toEqual({ before: '', tag: 'tr' });
    expect(currentTag('条约，亚')).toEqual({ before: '条约，', tag: '亚' });
  });

  it('suggests project tags starting with it first, then containing it, leaving out those given', () => {
    expect(tagSuggestions('tr', project)).toEqual(['treaty', 'trade']);
    expect(tagSuggestions('treaty, r', project)).toEqual(['trade', 'energy', 'silk-road']);
    expect(tagSuggestions('treaty, s', project)).toEqual(['silk-road']);
    expect(tagSuggestions('ci', project)).toEqual(['CICA']);
    expect(tagSuggestions('treaty, ', project)).toEqual(['CICA', 'trade', 'energy', 'silk-road']);
    expect(tagSuggestions('treaty', project)).toEqual([]);
  });

  it('replaces the typed tag and leaves room for the next', () => {
    expect(completeTag('treaty, ci', 'CICA')).toBe('treaty, CICA, ');
    expect(completeTag('tr', 'trade')).toBe('trade, ');
  });
});
