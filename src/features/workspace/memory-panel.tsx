// "Similar paragraphs" under the active row's editor: translation memory suggestions from the
// caller's projects and imported TMX files, identical Chinese first, each with its match
// percentage (edit similarity on normalised Chinese), its Chinese with the differences from this
// row marked, its English, status and translator, and "Insert" (Ctrl+1, Ctrl+2, Ctrl+3).
import { useMemo, useState } from 'react';
import { useSuggestions, type Suggestion } from '../../data/translation-memory.ts';
import { diffChinese, matchPercent } from '../../domain/search/index.ts';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import { Badge, type BadgeTone } from '../../components/badge.tsx';

/** Suggestions below this edit similarity are not worth a translator's look. */
export const MIN_MATCH_PERCENT = 50;
const SHOWN = 3;

export interface RankedSuggestion extends Suggestion {
  percent: number;
}

const STATUS_RANK: Record<Suggestion['status'], number> = { approved: 0, translated: 1, imported: 2 };
const STATUS_TONE: Record<Suggestion['status'], BadgeTone> = { approved: 'success', translated: 'info', imported: 'neutral' };

/** The row's suggestions ranked as the panel shows them, and the row's own Chinese. */
export function useRankedSuggestions(paragraphId: string, enabled: boolean) {
  const query = useSuggestions(paragraphId, enabled);
  const source = query.data?.source ?? '';
  const ranked = useMemo<RankedSuggestion[]>(
    () =>
      (query.data?.suggestions ?? [])
        .map((s) => ({ ...s, percent: matchPercent(source, s.source) }))
        .filter((s) => s.percent >= MIN_MATCH_PERCENT)
        .sort((a, b) => b.percent - a.percent || STATUS_RANK[a.status] - STATUS_RANK[b.status] || b.occurrences - a.occurrences),
    [query.data, source],
  );
  return { query, source, ranked };
}

function Differences({ row, suggestion }: { row: string; suggestion: string }) {
  const segments = useMemo(() => diffChinese(row, suggestion), [row, suggestion]);
  return (
    <>
      {segments.map((s, i) =>
        s.op === 'equal' ? (
          s.text
        ) : s.op === 'insert' ? (
          <ins key={i} className="memory-diff-insert">
            {s.text}
          </ins>
        ) : (
          <del key={i} className="memory-diff-delete">
            {s.text}
          </del>
        ),
      )}
    </>
  );
}

interface MemoryPanelProps {
  state: ReturnType<typeof useRankedSuggestions>;
  /** The open document's project: suggestions from elsewhere name theirs. */
  projectId: string;
  canInsert: boolean;
  onInsert: (suggestion: RankedSuggestion) => void;
}

export function MemoryPanel({ state, projectId, canInsert, onInsert }: MemoryPanelProps) {
  const t = useT();
  const [all, setAll] = useState(false);
  const { query, source, ranked } = state;
  const shown = all ? ranked : ranked.slice(0, SHOWN);

  function where(s: RankedSuggestion): string {
    if (s.origin === 'import') return t('memory.fromFile', { name: s.import_name ?? '' });
    const place = s.document_title && s.position ? t('memory.where', { title: s.document_title, n: s.position }) : '';
    const project = s.project_id !== projectId ? t('memory.otherProject', { name: s.project_name }) : '';
    return [place, project].filter(Boolean).join(' · ');
  }

  return (
    <section className="memory" aria-label={t('memory.title')}>
      <h3 className="memory-title">{t('memory.title')}</h3>
      {query.isPending ? (
        <p className="muted small">{t('memory.loading')}</p>
      ) : query.isError ? (
        <p className="form-error small">{t('memory.error')}</p>
      ) : ranked.length === 0 ? (
        <p className="muted small">{t('memory.none')}</p>
      ) : (
        <ol className="memory-list">
          {shown.map((s, i) => (
            <li key={s.id} className={`memory-item${s.exact ? ' is-exact' : ''}`}>
              <div className="memory-head">
                <span className={`memory-percent${s.percent === 100 ? ' is-full' : ''}`} aria-label={t('memory.matchLabel', { percent: s.percent })}>
                  {t('memory.match', { percent: s.percent })}
                </span>
                <Badge tone={STATUS_TONE[s.status]}>
                  {t(s.status === 'imported' ? 'memory.status.imported' : (`translation.status.${s.status}` as MessageKey))}
                </Badge>
                {s.author_name ? <span className="muted small">{t('memory.by', { name: s.author_name })}</span> : null}
                {s.occurrences > 1 ? <span className="muted small">{t('memory.occurrences', { n: s.occurrences })}</span> : null}
                <span className="muted small memory-where" lang="zh-CN">
                  {where(s)}
                </span>
                {canInsert ? (
                  <button
                    type="button"
                    className="button button-small memory-insert"
                    aria-label={t('memory.insertLabel', { n: i + 1, percent: s.percent })}
                    title={i < SHOWN ? t('memory.shortcut', { n: i + 1 }) : undefined}
                    // Keep the editor's focus (and its pending edit) while the button is pressed.
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => onInsert(s)}
                  >
                    {t('memory.insert')}
                    {i < SHOWN ? <kbd aria-hidden="true">{t('memory.shortcut', { n: i + 1 })}</kbd> : null}
                  </button>
                ) : null}
              </div>
              <p className="memory-source" lang="zh-CN" title={t('memory.source')}>
                {s.percent === 100 ? s.source : <Differences row={source} suggestion={s.source} />}
              </p>
              <p className="memory-target" lang="en">
                {s.target}
              </p>
            </li>
          ))}
        </ol>
      )}
      {ranked.length > SHOWN ? (
        <button type="button" className="button button-small button-quiet" onClick={() => setAll((a) => !a)}>
          {all ? t('memory.fewer') : t('memory.more', { n: ranked.length - SHOWN })}
        </button>
      ) : null}
    </section>
  );
}
