import { pathToFileURL } from 'node:url';

export { CHROMIUM_LAUNCH } from '../scripts/lib/chromium.ts';
export { freePort } from '../scripts/lib/ports.ts';

/** The p-th percentile (nearest rank, rounded down) of `values`; 0 when there are none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** True when the module at `moduleUrl` is the script node was started with (not imported by bench/run.ts). */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href;
}
