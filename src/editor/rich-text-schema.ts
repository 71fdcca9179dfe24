// What a stored tiptap document may contain: the nodes and marks of StarterKit + Link, nothing else.
// Everything that crosses the network is checked against this before it is rendered.
import { z } from 'zod';

const linkMark = z.object({
  type: z.literal('link'),
  attrs: z.object({ href: z.string().max(2048) }),
});
const simpleMark = z.object({ type: z.enum(['bold', 'italic', 'strike', 'code', 'underline']) });
export const richMarkSchema = z.union([linkMark, simpleMark]);

const textNode = z.object({
  type: z.literal('text'),
  text: z.string(),
  marks: z.array(richMarkSchema).optional(),
});
const hardBreak = z.object({ type: z.literal('hardBreak'), marks: z.array(richMarkSchema).optional() });
const horizontalRule = z.object({ type: z.literal('horizontalRule') });

export type RichMark = z.infer<typeof richMarkSchema>;
export type RichText = z.infer<typeof textNode>;

export type RichBlock =
  | { type: 'paragraph'; content?: RichInline[] | undefined }
  | { type: 'heading'; attrs: { level: 1 | 2 | 3 | 4 | 5 | 6 }; content?: RichInline[] | undefined }
  | { type: 'blockquote'; content?: RichBlock[] | undefined }
  | { type: 'bulletList'; content?: RichListItem[] | undefined }
  | { type: 'orderedList'; attrs?: { start?: number | undefined } | undefined; content?: RichListItem[] | undefined }
  | { type: 'codeBlock'; attrs?: { language?: string | null | undefined } | undefined; content?: RichText[] | undefined }
  | { type: 'horizontalRule' };
export type RichInline = RichText | { type: 'hardBreak'; marks?: RichMark[] | undefined };
export type RichListItem = { type: 'listItem'; content?: RichBlock[] | undefined };
export type RichDoc = { type: 'doc'; content?: RichBlock[] | undefined };

const inline = z.union([textNode, hardBreak]);

const blockSchema: z.ZodType<RichBlock> = z.lazy(() =>
  z.union([
    z.object({ type: z.literal('paragraph'), content: z.array(inline).optional() }),
    z.object({
      type: z.literal('heading'),
      attrs: z.object({ level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)]) }),
      content: z.array(inline).optional(),
    }),
    z.object({ type: z.literal('blockquote'), content: z.array(blockSchema).optional() }),
    z.object({ type: z.literal('bulletList'), content: z.array(listItemSchema).optional() }),
    z.object({
      type: z.literal('orderedList'),
      attrs: z.object({ start: z.number().int().min(0).max(1_000_000).optional() }).optional(),
      content: z.array(listItemSchema).optional(),
    }),
    z.object({
      type: z.literal('codeBlock'),
      attrs: z.object({ language: z.string().max(40).nullable().optional() }).optional(),
      content: z.array(textNode).optional(),
    }),
    horizontalRule,
  ]),
);

const listItemSchema: z.ZodType<RichListItem> = z.lazy(() =>
  z.object({ type: z.literal('listItem'), content: z.array(blockSchema).optional() }),
);

export const richDocSchema: z.ZodType<RichDoc> = z.object({
  type: z.literal('doc'),
  content: z.array(blockSchema).optional(),
});

/** The stored document if it is valid, else null (callers then fall back to the plain text column). */
export function parseRichDoc(value: unknown): RichDoc | null {
  const result = richDocSchema.safeParse(value);
  return result.success ? result.data : null;
}
