export function KeywordChips({ keywords, label, limit }: { keywords: readonly string[]; label: string; limit?: number }) {
  if (keywords.length === 0) return null;
  const shown = limit ? keywords.slice(0, limit) : keywords;
  return (
    <ul className="chips" aria-label={label}>
      {shown.map((k) => (
        <li key={k} className="chip" lang="zh-CN">
          {k}
        </li>
      ))}
      {shown.length < keywords.length ? <li className="chip chip-more">+{keywords.length - shown.length}</li> : null}
    </ul>
  );
}
