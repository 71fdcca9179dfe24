import { describe, expect, it } from 'vitest';
import { ProgressBar, formatSeconds } from './progress.ts';

const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { written, stream: { isTTY, columns: 120, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream };
};

describe('ProgressBar', () => {
  it('renders share, counts, rate, ETA, failures and detail', () => {
    const { stream: s } = stream(true);
    const bar = new ProgressBar(10, s, 10);
    bar.update({ done: 4, failed: 1, detail: '400 paragraphs' });
    const text = bar.render();
    expect(text).toMatch(/^\[#####·····\] 5\/10 files {2}[\d.]+\/s {2}ETA \d+ s {2}1 failed {2}400 paragraphs$/);
  });

  it('draws nothing on a pipe, where logged lines pass straight through', () => {
    const { stream: s, written } = stream(false);
    const bar = new ProgressBar(2, s);
    bar.update({ done: 1, failed: 0 });
    bar.log('a.txt: imported', s);
    bar.finish();
    expect(written).toEqual(['a.txt: imported\n']);
  });

  it('on a terminal, clears the bar to print a line above it and redraws it', () => {
    const { stream: s, written } = stream(true);
    const bar = new ProgressBar(2, s);
    bar.update({ done: 2, failed: 0 });
    bar.log('done', s);
    expect(written[1]).toBe('\r\x1b[2K');
    expect(written[2]).toBe('done\n');
    expect(written[3]!.startsWith('\r\x1b[2K[')).toBe(true);
    expect(written[3]).toContain('2/2 files');
  });

  it('formats durations', () => {
    expect([formatSeconds(5), formatSeconds(125), formatSeconds(4000), formatSeconds(9000)]).toEqual(['5 s', '2 min 5 s', '66 min 40 s', '2 h 30 min']);
  });
});
