export { decodeBytes, type DecodedText } from './decode.ts';
export { ImportError, isImportError, type ImportErrorCode } from './errors.ts';
export { IMPORT_NOTICES, importNotice, looksLatin, type ImportNotice, type ImportNoticeKey, type ImportNoticeParams } from './notices.ts';
export { parseDocument, parseText } from './parse-document.ts';
export { countParagraphs, toImportPayload, type ImportDocumentPayload, type ParagraphCounts } from './rpc-payload.ts';
export {
  DEFAULT_MAX_BYTES,
  type DecodeOptions, type ForcedEncoding, type ImportedParagraph, PARAGRAPH_KINDS, type ParagraphKind, type ParseOptions, type ParsedDocument,
  type SourceEncoding,
} from './types.ts';
