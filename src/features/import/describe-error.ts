// Failures of an import, in sentences: what the parser found under a translated headline, and
// the server's refusals turned into what they mean for the user. Never a stack trace.
import { errorCode, errorKind, errorMessage } from '../../data/errors.ts';
import { RpcError } from '../../data/rpc-error.ts';
import type { MessageKey, Translate } from '../../i18n/i18n.tsx';
import type { ParseFailure } from '../../workers/parse-messages.ts';

const PARSE_ADVICE: Record<ParseFailure['code'], MessageKey> = {
  empty: 'import.advice.empty',
  'whitespace-only': 'import.advice.empty',
  'too-large': 'import.advice.tooLarge',
  binary: 'import.advice.binary',
  'unsupported-format': 'import.advice.unsupportedFormat',
  'invalid-encoding': 'import.advice.invalidEncoding',
  'no-paragraphs': 'import.advice.noParagraphs',
  internal: 'import.advice.internal',
};

const PARSE_DETAIL: Record<ParseFailure['code'], MessageKey> = {
  empty: 'import.detail.empty',
  'whitespace-only': 'import.detail.whitespaceOnly',
  'too-large': 'import.detail.tooLarge',
  binary: 'import.detail.binary',
  'unsupported-format': 'import.detail.unsupportedFormat',
  'invalid-encoding': 'import.detail.invalidEncoding',
  'no-paragraphs': 'import.detail.noParagraphs',
  internal: 'import.detail.internal',
};

/**
 * A translated headline, what is wrong and what to do about it, and the parser's own English
 * sentence (it names offsets and byte values) as the technical detail. Nothing is left untranslated
 * but that detail, which is shown as such.
 */
export function describeParseFailure(t: Translate, failure: ParseFailure): { title: string; detail: string; advice: string; technical: string | null } {
  if (failure.localized) return { title: t('import.error.cannotImport'), detail: failure.message, advice: t(PARSE_ADVICE[failure.code]), technical: null };
  const detailKey = failure.code === 'invalid-encoding' && failure.offset === undefined ? 'import.detail.invalidEncodingSomewhere' : PARSE_DETAIL[failure.code];
  return {
    title: t('import.error.cannotImport'),
    detail: t(detailKey, { offset: failure.offset ?? '' }),
    advice: t(PARSE_ADVICE[failure.code]),
    technical: failure.message,
  };
}

/** One sentence on why the server did not take the document; nothing was stored in any case. */
export function describeImportFailure(t: Translate, error: unknown): string {
  if (error instanceof RpcError && error.status === 413) return t('import.error.tooLargeRequest');
  const code = errorCode(error);
  if (code === 'PGRST301' || code === 'PGRST302' || (error instanceof RpcError && error.status === 401)) return t('import.error.session');
  switch (errorKind(error)) {
    case 'network':
      return t('import.error.network');
    case 'forbidden':
      return t('import.error.forbidden');
    case 'invalid':
      return t('import.error.invalid', { message: errorMessage(error) });
    default:
      return t('import.error.other', { message: errorMessage(error) });
  }
}
