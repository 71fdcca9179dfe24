// The concordance of a selection: every row of the project holding it, keyword in context, with the
// aligned text of the other language beside it, and which renderings it got, grouped and counted
// (choosing one lists only its rows).
import { useMemo, useState } from 'react';
import { useModalDialog } from '../../components/dialog.tsx';
import { Link } from 'react-router-dom';
import { useConcordance, type ConcordanceHit } from '../../data/search.ts';
import { errorMessage } from '../../data/errors.ts';
import { MARK_END, MARK_START, findMatches, groupRenderings, kwicLines, stripMarks } from '../../domain/search/index.ts';
import { useT } from '../../i18n/i18n.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';

interface ConcordanceDialogProps {
  projectId: string;
  text: string;
  language: 'zh' | 'en';
  onClose: () => void;
}

/** English marks come word by word; a phrase's words read as one occurrence. */
function joinPhraseMarks(marked: string): string {
  return marked.replace(new RegExp(`${MARK_END}([\\s,;:'’-]*)${MARK_START}`, 'g'), '$1');
}

/** The aligned text with a rendering's occurrences marked, for the row of a chosen rendering. */
function markRendering(text: string, rendering: string | null): string {
  if (!rendering) return text;
  let out = '';
  let at = 0;
  for (const r of findMatches(text, rendering)) {
    out += `${text.slice(at, r.start)}${MARK_START}${text.slice(r.start, r.end)}${MARK_END}`;
    at = r.end;
  }
  return out + text.slice(at);
}

function Marked({ text }: { text: string }) {
  const parts = text.split(new RegExp(`(${MARK_START}[^${MARK_END}]*${MARK_END})`));
  return (
    <>
      {parts.map((p, i) =>
        p.startsWith(MARK_START) ? (
          <mark key={i} className="search-hit">
            {stripMarks(p)}
          </mark>
        ) : (
          p
        ),
      )}
    </>
  );
}

export function ConcordanceDialog({ projectId, text, language, onClose }: ConcordanceDialogProps) {
  const t = useT();
  const ref = useModalDialog();
  const concordance = useConcordance({ projectId, text, language });
  const [chosen, setChosen] = useState<number | null>(null);
  const otherLang = language === 'zh' ? 'en' : 'zh';


  const data = concordance.data;
  const groups = useMemo(
    () => (data ? groupRenderings(data.hits.map((h) => h.aligned), data.background, otherLang) : null),
    [data, otherLang],
  );
  const lines = useMemo(() => {
    if (!data) return [];
    const rendering = chosen === null || !groups ? null : groups.renderings[chosen]!;
    const keep = rendering ? new Set(rendering.hits) : null;
    return data.hits.flatMap((hit: ConcordanceHit, i) =>
      keep && !keep.has(i)
        ? []
        : kwicLines(language === 'en' ? joinPhraseMarks(hit.text) : hit.text, language === 'zh' ? 16 : 40).map((line) => ({
            hit,
            line,
            aligned: markRendering(hit.aligned, rendering?.text ?? null),
          })),
    );
  }, [data, groups, chosen, language]);

  const title = t('concordance.title', { text });
  return (
    <dialog ref={ref} className="concordance" aria-label={title} onCancel={onClose} onClose={onClose}>
      <header className="concordance-head">
        <h2 lang={language === 'zh' ? 'zh-CN' : 'en'}>{title}</h2>
        <button type="button" className="button button-small" onClick={onClose}>
          {t('concordance.close')}
        </button>
      </header>
      {concordance.isPending ? (
        <Loading label={t('concordance.loading')} />
      ) : concordance.isError ? (
        <ErrorState title={t('concordance.error')} detail={errorMessage(concordance.error)} />
      ) : data && groups ? (
        <>
          <p className="concordance-count" role="status">
            {data.total_is_lower_bound
              ? t('concordance.countMore', { n: data.total.toLocaleString(), shown: data.hits.length })
              : t('concordance.count', { n: data.total.toLocaleString() })}
          </p>
          <section className="concordance-renderings" aria-label={language === 'zh' ? t('concordance.renderings') : t('concordance.renderingsZh')}>
            <h3>{language === 'zh' ? t('concordance.renderings') : t('concordance.renderingsZh')}</h3>
            {groups.renderings.length === 0 ? <p className="muted small">{t('concordance.noRenderings')}</p> : null}
            <ul className="concordance-rendering-list">
              <li>
                <button type="button" className="button button-small" aria-pressed={chosen === null} onClick={() => setChosen(null)}>
                  {t('concordance.all')}
                </button>
              </li>
              {groups.renderings.map((r, i) => (
                <li key={r.text}>
                  <button type="button" className="button button-small" aria-pressed={chosen === i} onClick={() => setChosen(chosen === i ? null : i)}>
                    <span lang={otherLang === 'zh' ? 'zh-CN' : 'en'}>{t('concordance.rendering', { text: r.text, n: r.count })}</span>
                  </button>
                </li>
              ))}
              {groups.other ? <li className="muted small">{t('concordance.other', { n: groups.other })}</li> : null}
              {groups.untranslated ? <li className="muted small">{t('concordance.untranslated', { n: groups.untranslated })}</li> : null}
            </ul>
          </section>
          <table className="concordance-lines">
            <caption className="visually-hidden">{t('concordance.lines')}</caption>
            <colgroup>
              <col className="col-where" />
              <col className="col-side" />
              <col className="col-match" />
              <col className="col-side" />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{t('concordance.col.where')}</th>
                <th scope="col" colSpan={3}>
                  {t('concordance.col.context')}
                </th>
                <th scope="col">{language === 'zh' ? t('concordance.col.english') : t('concordance.col.chinese')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map(({ hit, line, aligned }) => (
                <tr key={`${hit.paragraph_id}-${line.occurrence}`}>
                  <td className="concordance-where">
                    <Link
                      to={`/documents/${hit.document_id}?p=${hit.position}&find=${encodeURIComponent(text)}`}
                      aria-label={t('concordance.lineLabel', { n: hit.position, title: hit.document_title })}
                      title={`${hit.document_title} ¶${hit.position}`}
                      onClick={onClose}
                    >
                      <span lang="zh-CN">{hit.document_title}</span> ¶{hit.position}
                    </Link>
                  </td>
                  <td className="kwic-left" lang={language === 'zh' ? 'zh-CN' : 'en'}>
                    {/* Cut from the start when too long: the words next to the keyword stay in view. */}
                    <span>{line.left}</span>
                  </td>
                  <td className="kwic-match" lang={language === 'zh' ? 'zh-CN' : 'en'}>
                    {line.match}
                  </td>
                  <td className="kwic-right" lang={language === 'zh' ? 'zh-CN' : 'en'}>
                    {line.right}
                  </td>
                  <td className="concordance-aligned" lang={otherLang === 'zh' ? 'zh-CN' : 'en'}>
                    {aligned ? <Marked text={aligned} /> : <span className="muted">{t('workspace.notTranslated')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </dialog>
  );
}
