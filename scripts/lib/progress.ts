/**
 * A one-line progress bar for long CLI runs, redrawn in place on a terminal (at most ten times a
 * second). Lines logged through it appear above the bar. On a pipe or file it draws nothing, so
 * logs stay clean; callers print per-item lines instead.
 */
export interface ProgressCounts {
  done: number;
  failed: number;
  /** Free text after the counts, e.g. "52,310 paragraphs". */
  detail?: string;
}

export class ProgressBar {
  private counts: ProgressCounts = { done: 0, failed: 0 };
  private lastDraw = 0;
  private drawn = false;
  private readonly started = performance.now();

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly width = 28,
  ) {}

  /** True when the bar is drawn (the stream is a terminal). */
  get visible(): boolean {
    return this.stream.isTTY === true;
  }

  update(counts: ProgressCounts): void {
    this.counts = counts;
    const now = performance.now();
    if (now - this.lastDraw >= 100 || counts.done + counts.failed >= this.total) this.draw(now);
  }

  /** Prints a line above the bar (or just the line, when there is no bar). */
  log(line: string, stream: NodeJS.WriteStream = this.stream): void {
    if (this.visible && this.drawn) this.stream.write('\r\x1b[2K');
    stream.write(`${line}\n`);
    if (this.visible && this.drawn) this.draw(performance.now());
  }

  /** Removes the bar, leaving the terminal as it was. */
  finish(): void {
    if (this.visible && this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }

  /** The bar's text, e.g. `[########······] 512/1000 files  41.2/s  ETA 12 s  3 failed  52,310 paragraphs`. */
  render(now = performance.now()): string {
    const finished = this.counts.done + this.counts.failed;
    const share = this.total === 0 ? 1 : finished / this.total;
    const filled = Math.round(share * this.width);
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? finished / seconds : 0;
    const eta = rate > 0 ? Math.ceil((this.total - finished) / rate) : undefined;
    return [
      `[${'#'.repeat(filled)}${'·'.repeat(this.width - filled)}] ${finished}/${this.total} files`,
      `${rate.toFixed(1)}/s`,
      eta !== undefined && finished < this.total ? `ETA ${formatSeconds(eta)}` : '',
      this.counts.failed ? `${this.counts.failed} failed` : '',
      this.counts.detail ?? '',
    ]
      .filter(Boolean)
      .join('  ');
  }

  private draw(now: number): void {
    if (!this.visible) return;
    this.lastDraw = now;
    const columns = this.stream.columns ?? 100;
    this.stream.write(`\r\x1b[2K${this.render(now).slice(0, Math.max(20, columns - 1))}`);
    this.drawn = true;
  }
}

export function formatSeconds(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  return m < 90 ? `${m} min ${Math.round(seconds - m * 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
