// Web Worker entry: QA of a whole document off the main thread.
import { buildGlossaryMatcher, type GlossaryMatcher, type MatchableTerm } from '../domain/glossary/index.ts';
import { checkDocument } from '../domain/qa/index.ts';
import type { QaRequest, QaResponse } from './qa-messages.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<QaRequest>) => void) | null;
  postMessage(message: QaResponse): void;
};

/** The last glossary's index, kept for "Check again" while the glossary is unchanged. */
let last: { signature: string; matcher: GlossaryMatcher } | undefined;

/** A short fingerprint of a glossary's content (FNV-1a over every field): cheaper than rebuilding its index. */
function signatureOf(terms: readonly MatchableTerm[]): string {
  let hash = 0x811c9dc5;
  const mix = (text: string) => {
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    hash = Math.imul(hash ^ 0x1f, 0x01000193);
  };
  for (const term of terms) {
    mix(term.id);
    mix(term.zh);
    for (const en of term.en) mix(en);
    mix('\u0000');
    for (const f of term.forbidden) mix(f);
  }
  return `${terms.length}:${(hash >>> 0).toString(36)}`;
}

function matcherFor(terms: readonly MatchableTerm[]): GlossaryMatcher {
  const signature = signatureOf(terms);
  if (last?.signature !== signature) last = { signature, matcher: buildGlossaryMatcher(terms) };
  return last.matcher;
}

scope.onmessage = (event) => {
  const { id, rows, glossary, elsewhere } = event.data;
  try {
    const started = performance.now();
    const results = checkDocument(rows, { glossary: matcherFor(glossary), elsewhere: new Map(elsewhere) });
    scope.postMessage({ id, ok: true, results, ms: performance.now() - started });
  } catch (error) {
    scope.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
