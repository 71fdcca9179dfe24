// Import errors and notices of Word, XLIFF, TMX and InterText files in the reader's language: the
// domain names each message by key ("interopError.<key>" in src/i18n), its values alongside.
// Types only from the domain, so pages that load the interop code lazily keep doing so.
import type { InteropMessage, InteropParams } from '../domain/interop/index.ts';
import type { MessageKey, Translate } from '../i18n/i18n.tsx';

interface Keyed {
  key: InteropMessage;
  params: InteropParams;
}

/** One message of src/domain/interop in the reader's language (a `what` is a file kind, translated too). */
export function interopText(t: Translate, message: Keyed): string {
  const { what } = message.params;
  const params = typeof what === 'string' ? { ...message.params, what: t(`interopError.what.${what}` as MessageKey) } : message.params;
  return t(`interopError.${message.key}` as MessageKey, params);
}

function isKeyed(error: unknown): error is Error & Keyed {
  return error instanceof Error && error.name === 'InteropError' && typeof (error as Partial<Keyed>).key === 'string';
}

/** An error's words: an interop error translated, anything else as `fallback` gives it. */
export function interopErrorText(t: Translate, error: unknown, fallback: (error: unknown) => string): string {
  return isKeyed(error) ? interopText(t, error) : fallback(error);
}
