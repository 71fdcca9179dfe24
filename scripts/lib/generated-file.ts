import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../../server/src/config.ts';

/**
 * Writes a generated file, or with `check` compares it with what is committed and returns 1
 * when they differ, so CI fails when the source moved on without the file.
 */
export async function writeOrCheck(file: string, content: string, options: { check: boolean; script: string }): Promise<number> {
  const rel = path.relative(PROJECT_ROOT, file);
  if (options.check) {
    const current = await readFile(file, 'utf8').catch(() => '');
    if (current !== content) {
      console.error(`${rel} is out of date: run \`npx tsx ${options.script}\` and commit the result.`);
      return 1;
    }
    console.log(`${rel} is up to date.`);
    return 0;
  }
  await writeFile(file, content);
  console.log(`wrote ${rel}`);
  return 0;
}

/** Runs `main` when the module is executed directly (not imported), exiting with its code. */
export function runIfMain(moduleUrl: string, main: () => Promise<number>): void {
  if (!process.argv[1] || path.resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
