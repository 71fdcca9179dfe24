// What a stored tiptap document may contain: the nodes and marks of StarterKit + Link, nothing else.
// Everything that crosses the network is checked against this before it is rendered.
import { z } from 'zod/mini';

const linkMark = z.object({
  type: z.literal('link'),
  attrs: z.object({ href: z.string().check(z.maxLength(2048)) }),
});
const simpleMark = z.object({ type: z.enum(['bold', 'italic', 'strike', 'code', 'underline']) });
export const richMarkSchema = z.union([linkMark, simpleMark]);

const textNode = z.object({
  type: z.literal('text'),
  text: z.string(),
  marks: z.optional(z.array(richMarkSchema)),
});
const hardBreak = z.object({ type: z.literal('hardBreak'), marks: z.optional(z.array(richMarkSchema)) });
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

const blockSchema: z.ZodMiniType<RichBlock> = z.lazy(() =>
  z.union([
    z.object({ type: z.literal('paragraph'), content: z.optional(z.array(inline)) }),
    z.object({
      type: z.literal('heading'),
      attrs: z.object({ level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)]) }),
      content: z.optional(z.array(inline)),
    }),
    z.object({ type: z.literal('blockquote'), content: z.optional(z.array(blockSchema)) }),
    z.object({ type: z.literal('bulletList'), content: z.optional(z.array(listItemSchema)) }),
    z.object({
      type: z.literal('orderedList'),
      attrs: z.optional(z.object({ start: z.optional(z.int().check(z.minimum(0), z.maximum(1_000_000))) })),
      content: z.optional(z.array(listItemSchema)),
    }),
    z.object({
      type: z.literal('codeBlock'),
      attrs: z.optional(z.object({ language: z.nullish(z.string().check(z.maxLength(40))) })),
      content: z.optional(z.array(textNode)),
    }),
    horizontalRule,
  ]),
);

const listItemSchema: z.ZodMiniType<RichListItem> = z.lazy(() =>
  z.object({ type: z.literal('listItem'), content: z.optional(z.array(blockSchema)) }),
);

export const richDocSchema: z.ZodMiniType<RichDoc> = z.object({
  type: z.literal('doc'),
  content: z.optional(z.array(blockSchema)),
});

/** The stored document if it is valid, else null (callers then fall back to the plain text column). */
export function parseRichDoc(value: unknown): RichDoc | null {
  const result = richDocSchema.safeParse(value);
  return result.success ? result.data : null;
}
