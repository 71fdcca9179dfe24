// The glossary import's problems and file errors come from src/domain/glossary as codes with
// parameters: each has its words in English and in Chinese.
import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import zh from '../../i18n/zh.json';
import { translator } from '../../i18n/i18n.tsx';
import { GLOSSARY_FILE_ERROR_CODES, GLOSSARY_PROBLEM_CODES } from '../../domain/glossary/index.ts';

describe('glossary file messages', () => {
  it('words every glossary file problem and error in both languages, without English in the Chinese', () => {
    const keys = [...GLOSSARY_PROBLEM_CODES.map((c) => `glossary.problem.${c}`), ...GLOSSARY_FILE_ERROR_CODES.map((c) => `glossary.fileError.${c}`)];
    for (const key of keys) {
      expect(en, key).toHaveProperty([key]);
      expect(zh, key).toHaveProperty([key]);
      // Only names from the file formats (zh, en, langSec, xml:lang, TBX…) stay in Latin letters.
      const words = (zh as Record<string, string>)[key]!.replace(/\{\w+\}|<[^>]*>|xml:lang="zh"|\b(zh|en|term|person|place|organisation|treaty|langSec|conceptEntry|termEntry|TBX|XML|id)\b/g, '');
      expect(words, key).not.toMatch(/[A-Za-z]{2,}/);
    }
    const zhT = translator('zh');
    expect(zhT('glossary.problem.duplicate-line', { zh: '亚信', line: 2 })).toBe('“亚信”已在第 2 行出现。');
    expect(zhT('glossary.problem.atEntryId', { entry: 2, id: 't2' })).toBe('第 2 条（id t2）');
  });

});
