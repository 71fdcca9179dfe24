/**
 * `npm run bench`: runs every benchmark in bench/ and prints its figures. Benchmarks measure
 * speed and memory against the targets in the issues; they never assert.
 * `npm run bench -- import align` runs only the named ones.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts')).sort();
let failures = 0;
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`\n## ${name}`);
  try {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { run?: () => Promise<unknown>; report?: (figures: unknown) => string };
    if (typeof mod.run !== 'function') throw new Error(`${file} exports no run()`);
    const figures = await mod.run();
    // A benchmark with its own report (tables) prints that; the others print their figures as JSON.
    if (figures !== undefined) console.log(typeof mod.report === 'function' ? mod.report(figures) : JSON.stringify(figures, null, 2));
  } catch (e) {
    failures++;
    console.error(`${name} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
process.exit(failures ? 1 : 0);
