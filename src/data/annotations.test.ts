import { describe as group, expect, it } from 'vitest';
import { anchor, describe } from '../domain/anchor/index.ts';
import { annotationSelectors, selectorColumns } from './annotations.ts';

const TEXT = '双方将保持两国领导人之间的密切交往，就双边关系和国际及地区重大问题定期交换意见。';

group('selector columns', () => {
  it('stores selectors in the quote and offset columns and reads them back unchanged', () => {
    const selectors = describe(TEXT, { start: 13, end: 17 })!;
    const columns = selectorColumns(selectors);
    expect(columns).toEqual({ quote_exact: '密切交往', quote_prefix: '双方将保持两国领导人之间的', quote_suffix: selectors.quote.suffix, start_offset: 13, end_offset: 17 });
    expect(annotationSelectors(columns)).toEqual(selectors);
  });

  it('stores a note on the whole paragraph as null columns, and reads no selectors from them', () => {
    const columns = selectorColumns(null);
    expect(Object.values(columns)).toEqual([null, null, null, null, null]);
    expect(annotationSelectors(columns)).toBeNull();
    // A row missing its offsets cannot be anchored by position either.
    expect(annotationSelectors({ quote_exact: '密切交往', start_offset: null, end_offset: 17 })).toBeNull();
  });

  it('reads missing context columns as empty context', () => {
    const selectors = annotationSelectors({ quote_exact: '密切交往', quote_prefix: null, quote_suffix: undefined, start_offset: 13, end_offset: 17 })!;
    expect(selectors.quote).toEqual({ type: 'TextQuoteSelector', exact: '密切交往', prefix: '', suffix: '' });
    expect(anchor(TEXT, selectors)).toMatchObject({ start: 13, end: 17, errors: 0 });
  });
});
