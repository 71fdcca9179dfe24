import { describe, expect, it } from 'vitest';
import { EN_STOP, englishWords } from '../dictionary/index.ts';
import { extractEnLandmarks, extractZhLandmarks } from './landmarks.ts';
import { countEnSentences, countZhSentences, enForm, HEADING, LINE, NOTE, PROSE, zhForm } from './structure.ts';

const zh = (text: string): number => zhForm(text, extractZhLandmarks(text));
const en = (text: string): number => enForm(text, extractEnLandmarks(text));

describe('what a paragraph reads as', () => {
  it('tells numbered headings, title lines and notes from prose in Chinese', () => {
    expect(zh('一、农村网络基础设施全面升级')).toBe(HEADING);
    expect(zh('（一）加强组织领导')).toBe(HEADING);
    expect(zh('前言')).toBe(LINE);
    expect(zh('习近平 　　　　　　努·纳扎尔巴耶夫')).toBe(LINE);
    expect(zh('（责任编辑：王明）')).toBe(NOTE);
    expect(zh('资料来源：云泽市统计局。')).toBe(NOTE);
    expect(zh('数字技术正在深刻改变乡村的生产生活方式。')).toBe(PROSE);
    // A salutation closed by a colon or an exclamation mark is prose.
    expect(zh('尊敬的各位来宾，女士们，先生们，朋友们：')).toBe(PROSE);
    expect(zh('谢谢大家！')).toBe(PROSE);
  });

  it('and in English', () => {
    expect(en('I. Comprehensive Upgrading of Rural Network Infrastructure')).toBe(HEADING);
    expect(en('1. Strengthening Organisation and Leadership')).toBe(HEADING);
    expect(en('Preface')).toBe(LINE);
    expect(en('Xi Jinping (signed)        Nursultan Nazarbayev (signed)')).toBe(LINE);
    expect(en('(Unofficial translation)')).toBe(NOTE);
    expect(en('Source: Yunze Municipal Bureau of Statistics')).toBe(NOTE);
    expect(en('Distinguished guests, ladies and gentlemen, friends,')).toBe(PROSE);
    expect(en('Building digital villages is a long-term task.')).toBe(PROSE);
  });
});

describe('sentence counts', () => {
  it('count Chinese sentences closed by 。！？, not clauses closed by ；', () => {
    expect(countZhSentences('智能农机装备加快推广应用。2023年，植保无人机保有量达到20万架。')).toBe(2);
    expect(countZhSentences('全年网络零售额增长12.5%；农产品网络零售额达到5870亿元。')).toBe(1);
    expect(countZhSentences('“你好！”他说。')).toBe(2);
    expect(countZhSentences('二、农业')).toBe(1);
  });

  it('count English sentences past abbreviations and section numbers', () => {
    expect(countEnSentences('Mr. Xi met U.S. officials. They held talks in Beijing.')).toBe(2);
    expect(countEnSentences('II. Agriculture')).toBe(1);
    // The same from the stops englishWords notes while tokenising (none before the end: one sentence).
    const texts = ['Mr. Xi met U.S. officials. They held talks in Beijing.', 'II. Agriculture', 'One sentence only.', 'Asked: Why? Yes! 2 rose.', 'No stop'];
    const english = englishWords(texts);
    texts.forEach((text, i) => expect(countEnSentences(text, (english.contents[i]! & EN_STOP) !== 0)).toBe(countEnSentences(text)));
    expect(countEnSentences('1. Improving the network of facilities. Each district will open a library.')).toBe(2);
    expect(countEnSentences('Output rose by 5.2 percent! Exports grew?')).toBe(2);
  });
});
