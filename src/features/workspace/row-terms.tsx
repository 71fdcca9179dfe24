// The glossary terms of the row being edited, under the editor: each with its renderings, one
// click (or Ctrl+G) inserting the preferred one at the cursor.
import { findRendering, preferredRendering } from '../../domain/glossary/index.ts';
import { useT } from '../../i18n/i18n.tsx';
import type { GlossaryTerm } from './use-workspace-qa.ts';

export function RowTerms({ n, terms, text, onInsert }: { n: number; terms: readonly GlossaryTerm[]; text: string; onInsert: (rendering: string) => void }) {
  const t = useT();
  return (
    <section className="row-terms" aria-label={t('glossary.row.label', { n })}>
      <p className="row-terms-title">
        {t('glossary.row.title')} <kbd>Ctrl+G</kbd>
      </p>
      <ul>
        {terms.map((term) => {
          const used = term.en.some((r) => findRendering(text, r).length > 0);
          const preferred = preferredRendering(term);
          return (
            <li key={term.id}>
              <span lang="zh-CN" className="row-terms-zh">
                {term.zh}
              </span>{' '}
              →{' '}
              <button
                type="button"
                className="button button-small"
                // Keep the editor's cursor where it is while the button is pressed.
                onMouseDown={(e) => e.preventDefault()}
                aria-label={t('glossary.row.insert', { en: preferred, zh: term.zh })}
                onClick={() => onInsert(preferred)}
              >
                {preferred}
              </button>
              {term.en.slice(1).map((alt) => (
                <button
                  key={alt}
                  type="button"
                  className="button button-small button-quiet"
                  onMouseDown={(e) => e.preventDefault()}
                  aria-label={t('glossary.row.insert', { en: alt, zh: term.zh })}
                  onClick={() => onInsert(alt)}
                >
                  {alt}
                </button>
              ))}
              {used ? <span className="muted small"> ✓ {t('glossary.row.used')}</span> : null}
              {term.forbidden.length ? <span className="muted small"> · {t('glossary.row.notThese', { list: term.forbidden.join(', ') })}</span> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
