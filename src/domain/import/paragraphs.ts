import type { BodyLine } from './dedupe.ts';
import type { ParagraphKind } from './types.ts';
import {
  isHeading, isNewsSourceLine, isPlaceDateLine, isShortNameLine, isSignatoryRow, isSignatureMark, joinColumns,
} from './recognise.ts';

export interface Block {
  text: string;
  /** 0-based line number of the first line. */
  line: number;
}

export interface ClassifiedParagraph {
  kind: ParagraphKind;
  text: string;
  line: number;
}

function isClosingLine(text: string): boolean {
  return isNewsSourceLine(text) || isPlaceDateLine(text) || isSignatureMark(text) || isSignatoryRow(text);
}

/**
 * Groups lines into paragraphs. A paragraph starts after a blank line or at an indented line.
 * Other lines continue the paragraph above (hard-wrapped text), unless the text has neither blank
 * lines nor indentation (then each line is a paragraph), or either line is a heading or a closing line.
 */
export function segment(lines: readonly BodyLine[]): Block[] {
  const blankSeparated = lines.some((l, i) => i > 0 && l.afterBlank);
  const indented = lines.some((l) => l.indented);
  const onePerLine = !blankSeparated && !indented;
  const blocks: Block[] = [];
  let previous: BodyLine | null = null;
  for (const line of lines) {
    const last = blocks[blocks.length - 1];
    const continues =
      last !== undefined && previous !== null && !onePerLine && !line.afterBlank && !line.indented &&
      !isHeading(previous.text) && !isHeading(line.text) &&
      !isClosingLine(previous.text) && !isClosingLine(line.text);
    if (continues) {
      const gap = /[A-Za-z0-9]$/.test(last.text) && /^[A-Za-z0-9]/.test(line.text) ? ' ' : '';
      last.text = `${last.text}${gap}${line.text}`;
    } else {
      blocks.push({ text: line.text, line: line.line });
    }
    previous = line;
  }
  return blocks;
}

/**
 * Section numerals become headings; the run of closing lines at the end (signatory rows,
 * 签名 marks, the place-and-date line, the news-source line, and short name lines next to
 * them) becomes the closing block, each signatory row with its columns joined by one U+3000.
 */
export function classify(blocks: readonly Block[]): ClassifiedParagraph[] {
  const closingStart = findClosingStart(blocks);
  return blocks.map((block, i) => {
    if (i >= closingStart) {
      const text = isSignatoryRow(block.text) ? joinColumns(block.text) : block.text;
      return { kind: 'closing', text, line: block.line };
    }
    return { kind: isHeading(block.text) ? 'heading' : 'body', text: block.text, line: block.line };
  });
}

const MAX_NAME_LINES = 6;

function findClosingStart(blocks: readonly Block[]): number {
  let start = blocks.length;
  let anchored = false;
  let names = 0;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const text = blocks[i]!.text;
    if (isHeading(text)) break;
    if (isClosingLine(text)) {
      anchored = true;
      start = i;
      continue;
    }
    if (isShortNameLine(text) && names < MAX_NAME_LINES) {
      names++;
      start = i;
      continue;
    }
    break;
  }
  // Short name lines count only together with a closing line, so a final 谢谢大家 stays prose.
  return anchored ? start : blocks.length;
}
