import { describe, expect, it } from 'vitest';
import { mergeMetadata } from './users.ts';

describe('mergeMetadata', () => {
  it('merges, deletes keys set to null, and replaces a null document', () => {
    expect(mergeMetadata({ a: 1, b: 2 }, { b: null, c: 3 })).toEqual({ a: 1, c: 3 });
    expect(mergeMetadata(null, { a: 1 })).toEqual({ a: 1 });
  });
});
