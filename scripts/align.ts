// Align the paragraphs of a Chinese text and its English translation; print the links as JSON.
//   npm run align -- [--lines] [--sentences] [--no-dictionary] ZH_FILE EN_FILE
// Paragraphs are separated by blank lines, or are single lines with --lines. Indices are 0-based.
// --sentences aligns the sentences inside the paragraph links: indices are then sentence indices,
// and the output also lists the sentences ("sentences": {"zh": [...], "en": [...]}).
// The CC-CEDICT dictionary is used unless --no-dictionary.

import { readFileSync } from 'node:fs';
import { align, alignSentences, splitParagraphs } from '../src/domain/align/index.ts';
import { nodeTranslationTable } from './lib/dictionary.ts';
import { decodeBytes } from '../src/domain/import/index.ts';

const USAGE = 'usage: npm run align -- [--lines] [--sentences] [--no-dictionary] ZH_FILE EN_FILE';

class UsageError extends Error {}

interface Args {
  lines: boolean;
  sentences: boolean;
  dictionary: boolean;
  zhFile: string;
  enFile: string;
}

function parseArgs(argv: readonly string[]): Args {
  let lines = false;
  let sentences = false;
  let dictionary = true;
  const files: string[] = [];
  for (const arg of argv) {
    if (arg === '--lines') lines = true;
    else if (arg === '--sentences') sentences = true;
    else if (arg === '--no-dictionary') dictionary = false;
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE + '\n');
      process.exit(0);
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}; ${USAGE}`);
    else files.push(arg);
  }
  const [zhFile, enFile] = files;
  if (files.length !== 2 || zhFile === undefined || enFile === undefined) {
    throw new UsageError(`expected two files, got ${files.length}; ${USAGE}`);
  }
  return { lines, sentences, dictionary, zhFile, enFile };
}

function readParagraphs(path: string, lines: boolean): string[] {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? String(error)})`, { cause: error });
  }
  let text: string;
  try {
    text = decodeBytes(bytes).text;
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const paragraphs = splitParagraphs(text, { lines });
  if (paragraphs.length === 0) throw new Error(`${path}: no paragraphs (the file holds only white space)`);
  return paragraphs;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const zh = readParagraphs(args.zhFile, args.lines);
  const en = readParagraphs(args.enFile, args.lines);
  const options = args.dictionary ? { dictionary: nodeTranslationTable() } : {};
  const sentenceLevel = args.sentences ? alignSentences(zh, en, options) : null;
  const result = sentenceLevel ?? align(zh, en, options);
  // One link per line: the file stays readable and line-diffable, and is still plain JSON.
  const body = result.links.map((link) => '    ' + JSON.stringify(link)).join(',\n');
  const sentences = sentenceLevel ? `,\n  "sentences": ${JSON.stringify({ zh: sentenceLevel.zh, en: sentenceLevel.en })}` : '';
  process.stdout.write(`{\n  "links": [\n${body}\n  ],\n  "ratio": ${JSON.stringify(result.ratio)}${sentences}\n}\n`);
}

try {
  main();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`align: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
}
