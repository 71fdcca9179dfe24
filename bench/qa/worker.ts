// Worker thread of bench/qa.bench.ts: QA of a whole document, as the QA panel's Web Worker runs it —
// first on a fresh worker (the glossary's index built there, code not yet optimised by the engine),
// then again ("Check again": the index kept). CPU time is the process's, the main thread idling
// meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import { buildGlossaryMatcher, type MatchableTerm } from '../../src/domain/glossary/index.ts';
import { checkDocument, type QaDocumentRow } from '../../src/domain/qa/index.ts';
import { medianCpuRun } from '../lib.ts';

const { rows, glossary } = workerData as { rows: QaDocumentRow[]; glossary: MatchableTerm[] };
// One run on the fresh worker, the index built in it; then the median of three with that index kept.
const first = medianCpuRun(() => {
  const matcher = buildGlossaryMatcher(glossary);
  return { matcher, results: checkDocument(rows, { glossary: matcher }) };
}, 1);
const again = medianCpuRun(() => checkDocument(rows, { glossary: first.value.matcher }));
parentPort?.postMessage({
  first: { ms: first.ms, cpuMs: first.cpuMs },
  again: { ms: again.ms, cpuMs: again.cpuMs },
  rowsWithFindings: first.value.results.length,
});
