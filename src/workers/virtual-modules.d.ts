// Modules made by the build (scripts/lib/translation-table-plugin.ts).
declare module 'virtual:duizhao/translation-table' {
  /** The compiled CC-CEDICT translation table (domain/dictionary/translation-table.ts's format). */
  const text: string;
  export default text;
}

declare module 'virtual:duizhao/cedict-*' {
  /** One shard of CC-CEDICT for look-ups (domain/dictionary/lookup.ts's format). */
  const text: string;
  export default text;
}
