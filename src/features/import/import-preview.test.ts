import { describe, expect, it } from 'vitest';
import { IMPORT_NOTICES, importNotice, parseText } from '../../domain/import/index.ts';
import en from '../../i18n/en.json';
import { translator } from '../../i18n/i18n.tsx';
import { effectiveDetails, entryPayload, splitKeywords } from './details.ts';

const messages = en as Record<string, string>;
const DOC = parseText('双边合作文件\n关键词：合作 贸易\n发布时间：2014-05-20\n\n　　双方决定加强合作。\n');

describe('import notices in the UI', () => {
  it('have the same English in the domain and in en.json, and a Chinese text', () => {
    for (const [key, text] of Object.entries(IMPORT_NOTICES)) expect(messages[`importNotice.${key}`], key).toBe(text);
    const zh = translator('zh');
    expect(zh('importNotice.looksEnglish')).toBe('这看起来是英文；要不要改为作为译文导入，与原文对齐？');
    const closing = importNotice('closing', { count: 4 });
    expect(zh(`importNotice.${closing.key}`, closing.params)).toBe('识别出结尾部分：4 段——地点与日期、签署人（每行签名保留各列）、来源。');
  });
});

describe('details edited before the import', () => {
  it('keep the file’s values until changed, and go into the payload', () => {
    expect(DOC.published_on).toBe('2014-05-20');
    expect(effectiveDetails(DOC, {})).toEqual({ published_on: '2014-05-20', collection: null, keywordsText: '合作 贸易' });
    const payload = entryPayload(DOC, '新标题', { published_on: '2014-05-21', collection: '  外交文件 ', keywordsText: '合作、贸易, 合作 互联互通' });
    expect(payload).toMatchObject({ title: '新标题', published_on: '2014-05-21', collection: '外交文件', keywords: ['合作', '贸易', '互联互通'] });
    expect(entryPayload(DOC, 'x', { published_on: null, collection: '' }).published_on).toBeNull();
    expect(entryPayload(DOC, 'x', { collection: '' }).collection).toBeNull();
    expect(splitKeywords('  ')).toEqual([]);
  });
});
