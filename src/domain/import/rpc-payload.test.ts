import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countParagraphs, parseDocument, toImportPayload } from './index.ts';

const sample = parseDocument(readFileSync(new URL('../../../supabase/seed-data/000_6c702e8dc57f7cba.txt', import.meta.url)));

describe('toImportPayload', () => {
  it('carries the stored fields only, as JSON', () => {
    const payload = toImportPayload(sample);
    expect(Object.keys(payload).sort()).toEqual(['collection', 'keywords', 'metadata', 'paragraphs', 'published_on', 'source_line', 'title']);
    expect(JSON.parse(JSON.stringify(payload))).toEqual(payload);
    expect(payload).toMatchObject({
      title: '中华人民共和国和哈萨克斯坦共和国联合宣言',
      published_on: '2014-05-20',
      collection: '习近平系列重要讲话数据库',
      source_line: '（新华社上海5月19日电）',
      metadata: { 发布时间: '2014-05-20' },
    });
    expect(payload.keywords).toHaveLength(20);
    expect(payload.paragraphs).toHaveLength(53);
    expect(payload.paragraphs[2]).toEqual({ position: 3, kind: 'heading', text: '一' });
    expect(Object.keys(payload.paragraphs[0]!).sort()).toEqual(['kind', 'position', 'text']);
  });

  it('does not share arrays with the parse result', () => {
    const payload = toImportPayload(sample);
    payload.keywords.push('x');
    payload.paragraphs.pop();
    expect(sample.keywords).toHaveLength(20);
    expect(countParagraphs(sample).total).toBe(53);
  });
});
