// Reading XML through fast-xml-parser: files become a small element tree (name, attributes,
// children in order). Writers describe elements the same way and serialise them here.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeBytes, isImportError } from '../import/index.ts';
import { InteropError, type FileKind } from './errors.ts';

/** Files to import are refused above this size, before they are read. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export interface XmlElement {
  /** The qualified name as written (`xliff`, `xml:lang`, `its:note`). */
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Refuses a file over `max` bytes, with its size and the limit in the message. */
export function checkSize(bytes: number, max = MAX_IMPORT_BYTES): void {
  if (bytes > max) throw new InteropError('too-large', 'tooLarge', { size: formatBytes(bytes), limit: formatBytes(max) });
  if (bytes === 0) throw new InteropError('empty', 'empty');
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Decodes an XML file's bytes strictly (UTF-8, UTF-16 or GB18030, as the text importer does). */
export function decodeXmlBytes(bytes: Uint8Array, what: FileKind): string {
  checkSize(bytes.length);
  if (isZip(bytes)) throw new InteropError('wrong-format', 'zip', { what });
  try {
    return decodeBytes(bytes).text;
  } catch (error) {
    if (isImportError(error)) {
      if (error.code === 'empty') throw new InteropError('empty', 'empty');
      if (error.code === 'binary') throw new InteropError('not-xml', 'binary', { what });
      throw new InteropError('not-xml', 'unreadable', { reason: error.message.replace(/[.;].*$/, ''), what });
    }
    throw error;
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  // Decodes numeric character references (&#20013;) as well as the five XML entities.
  htmlEntities: true,
  commentPropName: false,
  processEntities: true,
});

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function toTree(nodes: OrderedNode[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of nodes) {
    for (const key of Object.keys(node)) {
      if (key === ':@') continue;
      if (key === '#text') {
        out.push(String(node[key]));
      } else if (!key.startsWith('?') && !key.startsWith('!')) {
        out.push({ name: key, attrs: node[':@'] ?? {}, children: toTree((node[key] as OrderedNode[]) ?? []) });
      }
    }
  }
  return out;
}

/**
 * Parses an XML document and returns its root element. A file that is not well-formed XML raises
 * an InteropError naming the line and column.
 */
export function parseXml(text: string, what: FileKind = 'xml'): XmlElement {
  const source = text.replace(/^\ufeff/, '');
  if (!/^\s*</.test(source)) throw new InteropError('not-xml', 'noTag', { what });
  const valid = XMLValidator.validate(source, { allowBooleanAttributes: false });
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw new InteropError('not-xml', 'malformed', { line, column: col, reason: msg, what });
  }
  const root = toTree(parser.parse(source) as OrderedNode[]).find((n): n is XmlElement => typeof n !== 'string');
  if (!root) throw new InteropError('not-xml', 'noElement', { what });
  return root;
}

/** The name without its namespace prefix. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

export function elements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || localName(c.name) === name));
}

export function firstElement(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c): c is XmlElement => typeof c !== 'string' && localName(c.name) === name);
}

/** Every descendant element named `name`, in document order (not descending into matches). */
export function findAll(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (localName(c.name) === name) out.push(c);
    else findAll(c, name, out);
  }
  return out;
}

/** An attribute by local name (`lang` finds `xml:lang`), or undefined. */
export function attr(el: XmlElement, name: string): string | undefined {
  if (name in el.attrs) return el.attrs[name];
  for (const [key, value] of Object.entries(el.attrs)) if (localName(key) === name) return value;
  return undefined;
}

/** The concatenated text of an element and its descendants. */
export function textContent(el: XmlNode): string {
  if (typeof el === 'string') return el;
  let s = '';
  for (const c of el.children) s += typeof c === 'string' ? c : textContent(c);
  return s;
}

// ─── writing ────────────────────────────────────────────────────────────────────────────────────

export interface XmlSpec {
  name: string;
  attrs?: Record<string, string | number | null | undefined>;
  children?: (XmlSpec | string | null | undefined | false)[];
}

// Characters XML 1.0 cannot carry at all (C0 controls but tab and line ends, lone surrogates, U+FFFE/F).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text with characters XML 1.0 forbids removed. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}

export function el(name: string, attrs?: XmlSpec['attrs'], children?: XmlSpec['children']): XmlSpec {
  return { name, attrs, children };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeText(text: string): string {
  return xmlSafe(text).replace(/[&<>]/g, (c) => ESCAPES[c]!);
}

export function escapeAttr(text: string): string {
  // Line ends and tabs as references, so a parser's attribute normalisation keeps them.
  return xmlSafe(text).replace(/[&<>"\t\n\r]/g, (c) => ESCAPES[c] ?? `&#${c.charCodeAt(0)};`);
}

// Writing is a plain walk into an array of parts: fast-xml-parser's builder concatenates strings
// level by level, which for a 10,000-unit file cost seconds and hundreds of MB in garbage.
function serialise(spec: XmlSpec, depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  out.push(indent, '<', spec.name);
  for (const [key, value] of Object.entries(spec.attrs ?? {})) {
    if (value === null || value === undefined) continue;
    out.push(' ', key, '="', escapeAttr(String(value)), '"');
  }
  const children = (spec.children ?? []).filter((c): c is XmlSpec | string => c !== null && c !== undefined && c !== false);
  if (children.length === 0) {
    out.push('/>\n');
    return;
  }
  if (children.every((c) => typeof c === 'string')) {
    out.push('>');
    for (const c of children) out.push(escapeText(c as string));
    out.push('</', spec.name, '>\n');
    return;
  }
  // Mixed content keeps its text exactly: no indentation is added inside it.
  if (children.some((c) => typeof c === 'string')) {
    out.push('>');
    for (const c of children) {
      if (typeof c === 'string') out.push(escapeText(c));
      else {
        const inner: string[] = [];
        serialise(c, 0, inner);
        out.push(inner.join('').replace(/\n$/, ''));
      }
    }
    out.push('</', spec.name, '>\n');
    return;
  }
  out.push('>\n');
  for (const c of children) {
    // Each child of the root's children (a unit, a link) becomes one string: the final join then
    // holds thousands of pieces instead of millions.
    if (depth >= 1) {
      const part: string[] = [];
      serialise(c as XmlSpec, depth + 1, part);
      out.push(part.join(''));
    } else {
      serialise(c as XmlSpec, depth + 1, out);
    }
  }
  out.push(indent, '</', spec.name, '>\n');
}

/** Serialises a document: the XML declaration, an optional DOCTYPE line, then the root element. */
export function writeXml(root: XmlSpec, options: { doctype?: string } = {}): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  if (options.doctype) out.push(options.doctype, '\n');
  serialise(root, 0, out);
  return out.join('');
}
