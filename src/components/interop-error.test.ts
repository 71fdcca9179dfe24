import { describe, expect, it } from 'vitest';
import { FILE_KINDS, INTEROP_MESSAGES, InteropError, interopNotice, readTranslationFile } from '../domain/interop/index.ts';
import en from '../i18n/en.json';
import { translator } from '../i18n/i18n.tsx';
import { interopErrorText, interopText } from './interop-error.ts';

const messages = en as Record<string, string>;

describe('interop messages', () => {
  it('have the same English in the domain and in en.json', () => {
    for (const [key, text] of Object.entries(INTEROP_MESSAGES)) expect(messages[`interopError.${key}`], key).toBe(text);
    for (const [kind, text] of Object.entries(FILE_KINDS)) expect(messages[`interopError.what.${kind}`], kind).toBe(text);
  });

  it('read in the reader’s language, file kinds included', () => {
    let error: unknown;
    try {
      readTranslationFile(new TextEncoder().encode('plain words'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InteropError);
    const fallback = () => 'fallback';
    expect(interopErrorText(translator('en'), error, fallback)).toBe((error as Error).message);
    expect(interopErrorText(translator('en'), error, fallback)).toBe('The file is not XML (it does not start with a tag), so it is not an XLIFF or TMX file.');
    expect(interopErrorText(translator('zh'), error, fallback)).toBe('该文件不是 XML（开头不是标签），因此不是 XLIFF 或 TMX 文件。');
    expect(interopErrorText(translator('zh'), new Error('other'), fallback)).toBe('fallback');
    expect(interopText(translator('zh'), interopNotice('interTextParagraphsAlone', { positions: '3, 4' }))).toBe('¶3, 4：对齐中没有英文；保持原样。');
  });
});
