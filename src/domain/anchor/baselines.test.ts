// Golden baselines for anchoring in edited paragraphs: each fixture holds a paragraph, an edited
// version of it and notes described on the original; the recorded result of anchoring each note
// in the edited text is the baseline. A change in the matcher that moves or orphans a note shows
// up here as a diff to review. Rewrite the baselines after a deliberate change with
//   DUIZHAO_UPDATE_BASELINES=1 npx vitest run --project unit src/domain/anchor/baselines.test.ts
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe as group, expect, it } from 'vitest';
import { codePoints, sliceCodePoints } from '../text/index.ts';
import { anchor, describe } from './index.ts';

interface Anchored {
  text: string;
  start: number;
  end: number;
  errors: number;
  score: number;
}

interface BaselineNote {
  quote: string;
  /** Which occurrence of `quote` in the original the note was made on (0 = first). */
  occurrence?: number;
  /** Where the note anchors in the edited text, or null when it is orphaned. */
  anchored: Anchored | null;
}

interface Baseline {
  about: string;
  original: string;
  edited: string;
  notes: BaselineNote[];
}

const DIR = new URL('./fixtures/edited-paragraphs/', import.meta.url);
const UPDATE = process.env.DUIZHAO_UPDATE_BASELINES === '1';
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

/** The code point range of the nth occurrence of `quote` in `text`. */
function occurrenceRange(text: string, quote: string, n: number): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(quote, at + 1);
    if (at < 0) throw new Error(`"${quote}" occurs fewer than ${n + 1} times in the original`);
  }
  const start = codePoints(text.slice(0, at)).length;
  return { start, end: start + codePoints(quote).length };
}

function anchorNote(baseline: Baseline, note: BaselineNote): Anchored | null {
  const selectors = describe(baseline.original, occurrenceRange(baseline.original, note.quote, note.occurrence ?? 0));
  if (!selectors) throw new Error(`"${note.quote}" describes nothing`);
  expect(selectors.quote.exact).toBe(note.quote);
  const match = anchor(baseline.edited, selectors);
  if (!match) return null;
  return {
    text: sliceCodePoints(baseline.edited, match.start, match.end),
    start: match.start,
    end: match.end,
    errors: match.errors,
    score: Math.round(match.score * 1000) / 1000,
  };
}

group('anchoring baselines (edited paragraphs)', () => {
  it('has fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of files) {
    const url = new URL(file, DIR);
    const baseline = JSON.parse(readFileSync(url, 'utf8')) as Baseline;
    it(`${file.replace(/\.json$/, '')}: ${baseline.about}`, () => {
      const actual = baseline.notes.map((note) => ({ ...note, anchored: anchorNote(baseline, note) }));
      if (UPDATE) {
        writeFileSync(url, `${JSON.stringify({ ...baseline, notes: actual }, null, 2)}\n`);
        return;
      }
      expect(actual).toEqual(baseline.notes);
    });
  }
});
