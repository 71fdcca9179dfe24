/** Fails when a generated file (database types, seed) no longer matches its source. */
import { spawnSync } from 'node:child_process';

const checks = [
  ['scripts/gen-types.ts', '--check'],
  ['scripts/gen-seed.ts', '--check'],
];
let ok = true;
for (const [script, flag] of checks) {
  const r = spawnSync('npx', ['tsx', script!, flag!], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${script} ${flag}: out of date (run: npx tsx ${script})`);
    ok = false;
  }
}
process.exit(ok ? 0 : 1);
