// Keywords as chips; past `limit`, a "+N" button shows the rest (and "fewer" folds them again).
import { useState } from 'react';
import { useT } from '../i18n/i18n.tsx';

export function KeywordChips({ keywords, label, limit }: { keywords: readonly string[]; label: string; limit?: number }) {
  const t = useT();
  const [expanded, setExpanded] = useState(false);
  if (keywords.length === 0) return null;
  const folded = !!limit && keywords.length > limit;
  const shown = folded && !expanded ? keywords.slice(0, limit) : keywords;
  return (
    <ul className="chips" aria-label={label}>
      {shown.map((k) => (
        <li key={k} className="chip" lang="zh-CN">
          {k}
        </li>
      ))}
      {folded ? (
        <li>
          <button
            type="button"
            className="chip chip-more"
            aria-expanded={expanded}
            aria-label={expanded ? t('keywords.fewer') : t('keywords.more', { count: keywords.length - shown.length })}
            onClick={() => setExpanded((e) => !e)}
          >
            {expanded ? t('keywords.fewerShort') : `+${keywords.length - shown.length}`}
          </button>
        </li>
      ) : null}
    </ul>
  );
}
