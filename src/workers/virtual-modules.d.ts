// Modules made by the build (scripts/lib/translation-table-plugin.ts).
declare module 'virtual:duizhao/translation-table' {
  /** The compiled CC-CEDICT translation table (domain/dictionary/translation-table.ts's format). */
  const text: string;
  export default text;
}
