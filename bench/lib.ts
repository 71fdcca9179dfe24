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

/**
 * Runs `work` `times` times and returns the run of median CPU time (user + system of the process:
 * on a loaded machine wall time is mostly waiting), with its wall time and its result.
 */
export function medianCpuRun<T>(work: () => T, times = 3): { ms: number; cpuMs: number; value: T } {
  const runs: Array<{ ms: number; cpuMs: number; value: T }> = [];
  for (let k = 0; k < times; k++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const value = work();
    const cpu = process.cpuUsage(c0);
    runs.push({ ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, value });
  }
  runs.sort((a, b) => a.cpuMs - b.cpuMs);
  return runs[Math.floor(times / 2)]!;
}
