// Worker thread of bench/qa.bench.ts: QA of a whole document, as the QA panel's Web Worker runs it.
import { parentPort, workerData } from 'node:worker_threads';
import { buildGlossaryMatcher, type MatchableTerm } from '../../src/domain/glossary/index.ts';
import { checkDocument, type QaDocumentRow } from '../../src/domain/qa/index.ts';

const { rows, glossary } = workerData as { rows: QaDocumentRow[]; glossary: MatchableTerm[] };
const started = performance.now();
const matcher = buildGlossaryMatcher(glossary);
const results = checkDocument(rows, { glossary: matcher });
parentPort?.postMessage({ ms: performance.now() - started, rowsWithFindings: results.length });
