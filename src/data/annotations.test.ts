import { afterAll, describe as group, expect, it } from 'vitest';
import { anchor, describe } from '../domain/anchor/index.ts';
import { annotationSelectors, deleteAnnotation, fetchDocumentAnnotations, insertAnnotation, saveAnnotation, selectorColumns } from './annotations.ts';
import { signOut } from './auth.ts';
import { ConflictError } from './errors.ts';
import { fetchParagraphPage } from './paragraphs.ts';
import { actAs, DEMO_DOCUMENT_ID } from './testing.ts';

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

group('notes against the server', () => {
  afterAll(() => signOut());

  it('creates a note on a phrase, lists it with its selectors, and anchors it in the stored text', async () => {
    const user = await actAs('researcher');
    const [paragraph] = (await fetchParagraphPage(DEMO_DOCUMENT_ID, { from: 5, to: 5 })).rows;
    const start = paragraph!.text.indexOf('密切交往');
    const selectors = describe(paragraph!.text, { start, end: start + 4 })!;
    const created = await insertAnnotation({
      paragraph_id: paragraph!.id,
      target: 'source',
      ...selectorColumns(selectors),
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'close exchanges' }] }] },
      body_text: 'close exchanges',
      kind: 'term',
      tags: ['外交', 'diplomacy'],
      status: 'draft',
    });
    expect(created).toMatchObject({ author_id: user.id, status: 'draft', kind: 'term', tags: ['外交', 'diplomacy'], quote_exact: '密切交往', version: 1 });

    const listed = (await fetchDocumentAnnotations(DEMO_DOCUMENT_ID)).find((a) => a.id === created.id)!;
    expect(annotationSelectors(listed)).toEqual(selectors);
    expect(anchor(paragraph!.text, annotationSelectors(listed)!)).toMatchObject({ start, end: start + 4, errors: 0 });

    const saved = await saveAnnotation(created.id, created.version, { status: 'submitted', tags: ['外交'] });
    expect(saved).toMatchObject({ status: 'submitted', tags: ['外交'], version: 2 });
    const stale = await saveAnnotation(created.id, created.version, { body_text: 'too late' }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).current).toMatchObject({ id: created.id, version: 2 });

    await deleteAnnotation(created.id);
    expect((await fetchDocumentAnnotations(DEMO_DOCUMENT_ID)).some((a) => a.id === created.id)).toBe(false);
  });

  it('hides another member\'s draft', async () => {
    await actAs('researcher');
    const [paragraph] = (await fetchParagraphPage(DEMO_DOCUMENT_ID, { from: 6, to: 6 })).rows;
    const draft = await insertAnnotation({
      paragraph_id: paragraph!.id,
      target: 'source',
      ...selectorColumns(null),
      body: null,
      body_text: 'not ready',
      kind: 'question',
      tags: [],
      status: 'draft',
    });
    await actAs('reviewer');
    expect((await fetchDocumentAnnotations(DEMO_DOCUMENT_ID)).some((a) => a.id === draft.id)).toBe(false);
  });
});
