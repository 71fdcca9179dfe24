// Align the paragraphs of a Chinese text and its English translation; print the links as JSON.
//   npm run align -- [--lines] ZH_FILE EN_FILE
// Paragraphs are separated by blank lines, or are single lines with --lines. Indices are 0-based.

import { readFileSync } from 'node:fs';
import { align, splitParagraphs } from '../src/domain/align/index.ts';
import { decodeBytes } from '../src/domain/import/index.ts';

const USAGE = 'usage: npm run align -- [--lines] ZH_FILE EN_FILE';

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): { lines: boolean; zhFile: string; enFile: string } {
  let lines = false;
  const files: string[] = [];
  for (const arg of argv) {
    if (arg === '--lines') lines = true;
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
  return { lines, zhFile, enFile };
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
  const { lines, zhFile, enFile } = parseArgs(process.argv.slice(2));
  const zh = readParagraphs(zhFile, lines);
  const en = readParagraphs(enFile, lines);
  const { links, ratio } = align(zh, en);
  // One link per line: the file stays readable and line-diffable, and is still plain JSON.
  const body = links.map((link) => '    ' + JSON.stringify(link)).join(',\n');
  process.stdout.write(`{\n  "links": [\n${body}\n  ],\n  "ratio": ${JSON.stringify(ratio)}\n}\n`);
}

try {
  main();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`align: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
}
