import { describe, expect, it } from 'vitest';
import { isInteropError } from '../interop/index.ts';
import { readMemoryFile } from './index.ts';

const tmx = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="paragraph" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="x"/>
<body>${body}</body></tmx>`;

describe('readMemoryFile', () => {
  it('reads Chinese–English units with their author and date, inline codes dropped', () => {
    const file = readMemoryFile(
      tmx(`
      <tu tuid="1" creationid="alice" creationdate="20140520T101500Z">
        <tuv xml:lang="zh-CN"><seg>双方对会谈成果表示<bpt i="1">&lt;b&gt;</bpt>满意<ept i="1">&lt;/b&gt;</ept>。</seg></tuv>
        <tuv xml:lang="en-GB" changeid="bob" changedate="20150102T030405Z"><seg>The two sides expressed satisfaction.</seg></tuv>
      </tu>
      <tu><tuv xml:lang="zh"><seg>本声明一式两份。</seg></tuv><tuv xml:lang="en"><seg>Done in duplicate.</seg></tuv></tu>
      <tu><tuv xml:lang="zh"><seg>只有中文。</seg></tuv></tu>`),
    );
    expect(file).toEqual({
      sourceLanguage: 'zh-CN',
      targetLanguage: 'en-GB',
      skipped: 1,
      units: [
        { source: '双方对会谈成果表示满意。', target: 'The two sides expressed satisfaction.', author: 'bob', updated_at: '2015-01-02T03:04:05Z' },
        { source: '本声明一式两份。', target: 'Done in duplicate.', author: undefined, updated_at: undefined },
      ],
    });
  });

  it('refuses what is not a Chinese–English TMX, with a clear message', () => {
    const errors = [
      () => readMemoryFile('<xliff version="1.2"><file source-language="zh" target-language="en"><body><trans-unit id="1"><source>一</source><target>One</target></trans-unit></body></file></xliff>'),
      () => readMemoryFile(tmx('<tu><tuv xml:lang="fr"><seg>Bonjour</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv></tu>')),
      () => readMemoryFile('not xml at all <'),
      () => readMemoryFile(new Uint8Array()),
    ].map((f) => {
      try {
        f();
        return null;
      } catch (e) {
        return isInteropError(e) ? e.message : String(e);
      }
    });
    expect(errors[0]).toMatch(/not a TMX file/);
    expect(errors[1]).toBe('Its one unit has no Chinese and English pair.');
    expect(errors[2]).toBeTruthy();
    expect(errors[3]).toMatch(/empty/);
  });
});
