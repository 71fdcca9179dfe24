import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isHeading, isNewsSourceLine, isPlaceDateLine, isSignatoryRow, joinColumns, recogniseNonProse,
} from './recognise.ts';

const sampleProse = readFileSync(new URL('../../../supabase/seed-data/000_6c702e8dc57f7cba.txt', import.meta.url), 'utf8')
  .split('\n').map((l) => l.trim()).filter((l) => /[。：]$/.test(l));

describe('headings', () => {
  it.each(['一', '六', '十', '十一', '二十三', '（一）', '(二)', '一、', '三．', '第二部分', '第三章', '一、总体要求', '（二）加强经贸合作'])('%s', (text) => {
    expect(isHeading(text)).toBe(true);
  });
  it.each(['一一', '十十', '〇', '（一）双方同意加强合作。', '一、双方同意在能源、交通和农业领域开展合作', '一是加强合作', '双方'])('not %s', (text) => {
    expect(isHeading(text)).toBe(false);
  });
});

describe('closing lines', () => {
  it('news-source lines', () => {
    expect(isNewsSourceLine('（新华社上海5月19日电）')).toBe(true);
    expect(isNewsSourceLine('(新华社北京１１月１５日电)')).toBe(true);
    expect(isNewsSourceLine('（来源：人民日报）')).toBe(true);
    expect(isNewsSourceLine('（以下称亚信）')).toBe(false);
    expect(isNewsSourceLine('新华社上海5月19日电　国家主席习近平19日在上海会见……')).toBe(false);
  });

  it('place-and-date lines', () => {
    for (const text of ['二〇一四年五月十九日于上海', '2014年5月19日', '二〇一四年五月十九日', '于北京，2014年5月19日', '2014-05-19']) {
      expect(isPlaceDateLine(text)).toBe(true);
    }
    expect(isPlaceDateLine('2014年5月19日至21日对中华人民共和国进行国事访问')).toBe(false);
  });

  it('signatory rows and their columns', () => {
    const row = '中华人民共和国\u3000\u3000\u00a0哈萨克斯坦共和国';
    expect(isSignatoryRow(row)).toBe(true);
    expect(joinColumns(row)).toBe('中华人民共和国\u3000哈萨克斯坦共和国');
    expect(joinColumns('主席\u00a0\u3000\u3000\u3000总统')).toBe('主席\u3000总统');
    expect(isSignatoryRow('努·纳扎尔巴耶夫')).toBe(false);
    expect(isSignatoryRow('双方认为，合作\u3000\u3000意义重大。')).toBe(false);
  });

  it('no prose line of the sample is taken for a heading, closing line, caption or footer', () => {
    expect(sampleProse.length).toBeGreaterThan(80);
    for (const line of sampleProse) {
      expect(isHeading(line)).toBe(false);
      expect(isNewsSourceLine(line) || isPlaceDateLine(line)).toBe(false);
      expect(recogniseNonProse(line)).toBeNull();
    }
  });
});

describe('captions and footers', () => {
  it.each([
    ['图为开馆仪式现场。新华社记者　王某某　摄', 'caption'],
    ['5月19日，两国元首在上海举行会谈。新华社记者 李某 摄', 'caption'],
    ['（李某摄）', 'caption'],
    ['图片来源：新华网', 'caption'],
    ['资料图片', 'caption'],
    ['《人民日报》（2014年05月20日　02版）', 'footer'],
    ['（《人民日报》２０１４年５月２０日第２版）', 'footer'],
    ['人民日报 2014-05-20 第02版', 'footer'],
    ['— 12 —', 'footer'],
    ['第3页 共10页', 'footer'],
    ['（完）', 'footer'],
    ['分享到：', 'footer'],
    ['（责编：王某、李某）', 'editor'],
    ['责任编辑：张三', 'editor'],
  ])('%s → %s', (text, kind) => {
    expect(recogniseNonProse(text)?.kind).toBe(kind);
  });

  it.each([
    '双方同意在摄影、电影和出版领域开展交流。',
    '图书馆将延长开放时间。',
    '《人民日报》发表评论员文章，指出合作前景广阔。',
    '2014年5月20日',
  ])('prose is kept: %s', (text) => {
    expect(recogniseNonProse(text)).toBeNull();
  });
});
