// The document's "QA" panel: every row checked in a Worker, the findings listed and filterable by
// severity and check, each linking to its row.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { MatchableTerm } from '../../domain/glossary/index.ts';
import { QA_KINDS, type QaDocumentRow, type QaKind, type QaRowResult } from '../../domain/qa/index.ts';
import { QaWorkerClient } from '../../workers/qa-client.ts';
import { useT } from '../../i18n/i18n.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { qaKindLabel, qaMessage, SeverityBadge } from './row-qa.tsx';

interface DocumentQaProps {
  rows: QaDocumentRow[];
  glossary: readonly MatchableTerm[] | undefined;
  /** Translations of the same Chinese in the project's other documents, by sourceKey. */
  elsewhere: Array<[string, Array<{ text: string; where: string }>]>;
  ignores: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Rows not loaded yet (the check covers the loaded ones). */
  partial: boolean;
  onGoTo: (rowId: string) => void;
  onClose: () => void;
}

type State = { phase: 'running' } | { phase: 'done'; results: QaRowResult[]; ms: number } | { phase: 'error'; message: string };

export function DocumentQa({ rows, glossary, elsewhere, ignores, partial, onGoTo, onClose }: DocumentQaProps) {
  const t = useT();
  const client = useRef<QaWorkerClient | null>(null);
  const [state, setState] = useState<State>({ phase: 'running' });
  const [run, setRun] = useState(0);
  const [severity, setSeverity] = useState<'all' | 'error' | 'warning'>('all');
  const [kind, setKind] = useState<'all' | QaKind>('all');
  const [showEmpty, setShowEmpty] = useState(false);
  const [showIgnored, setShowIgnored] = useState(false);

  useEffect(() => {
    client.current ??= new QaWorkerClient();
    return () => {
      client.current?.dispose();
      client.current = null;
    };
  }, []);

  useEffect(() => {
    let live = true;
    setState({ phase: 'running' });
    const terms = (glossary ?? []).map(({ id, zh, en, forbidden }) => ({ id, zh, en: [...en], forbidden: [...forbidden] }));
    (client.current ??= new QaWorkerClient())
      .check({ rows, glossary: terms, elsewhere })
      .then(
        ({ results, ms }) => live && setState({ phase: 'done', results, ms }),
        (error: unknown) => live && setState({ phase: 'error', message: error instanceof Error ? error.message : String(error) }),
      );
    return () => {
      live = false;
    };
    // Rows and glossary are read when the panel opens or "Check again" is pressed, not on every save.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run]);

  const labels = useMemo(() => new Map(rows.map((r) => [r.id, r.label])), [rows]);
  const items = useMemo(() => {
    if (state.phase !== 'done') return [];
    return state.results.flatMap((r) =>
      r.findings.map((finding) => ({ rowId: r.rowId, finding, ignored: ignores.get(r.rowId)?.get(finding.fingerprint) })),
    );
  }, [state, ignores]);
  const visible = items.filter(
    (i) =>
      (showEmpty || i.finding.kind !== 'empty') &&
      (showIgnored || i.ignored === undefined) &&
      (severity === 'all' || i.finding.severity === severity) &&
      (kind === 'all' || i.finding.kind === kind),
  );
  const counted = items.filter((i) => i.finding.kind !== 'empty' && i.ignored === undefined);
  const errors = counted.filter((i) => i.finding.severity === 'error').length;

  return (
    <Dialog title={t('qa.panel.title')} onClose={onClose} className="qa-panel">
      <div className="qa-panel-filters">
        <label>
          {t('qa.panel.severity')}{' '}
          <select value={severity} onChange={(e) => setSeverity(e.target.value as typeof severity)}>
            <option value="all">{t('qa.panel.all')}</option>
            <option value="error">{t('qa.severity.error')}</option>
            <option value="warning">{t('qa.severity.warning')}</option>
          </select>
        </label>
        <label>
          {t('qa.panel.kind')}{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="all">{t('qa.panel.all')}</option>
            {QA_KINDS.map((k) => (
              <option key={k} value={k}>
                {qaKindLabel(t, k)}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={showEmpty} onChange={(e) => setShowEmpty(e.target.checked)} /> {t('qa.panel.showEmpty')}
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={showIgnored} onChange={(e) => setShowIgnored(e.target.checked)} /> {t('qa.panel.showIgnored')}
        </label>
        <button type="button" className="button button-small" onClick={() => setRun((n) => n + 1)} disabled={state.phase === 'running'}>
          {t('qa.panel.rerun')}
        </button>
      </div>
      {state.phase === 'running' ? (
        <p role="status">{t('qa.panel.running')}</p>
      ) : state.phase === 'error' ? (
        <p className="form-error" role="alert">
          {t('qa.panel.error', { message: state.message })}
        </p>
      ) : (
        <>
          <p role="status" className="small">
            {counted.length === 0
              ? t('qa.panel.none')
              : t('qa.panel.summary', {
                  errors,
                  warnings: counted.length - errors,
                  rows: new Set(counted.map((i) => i.rowId)).size,
                  ms: Math.max(1, Math.round(state.ms)),
                })}
            {partial ? ` ${t('qa.panel.partial', { n: rows.length })}` : ''}
          </p>
          {visible.length === 0 && counted.length > 0 ? <p className="muted">{t('qa.panel.noneFiltered')}</p> : null}
          <ul className="qa-panel-list" aria-label={t('qa.panel.listLabel')}>
            {visible.slice(0, 2000).map(({ rowId, finding, ignored }) => {
              const n = labels.get(rowId) ?? '';
              const message = qaMessage(t, finding);
              return (
                <li key={`${rowId}:${finding.fingerprint}`}>
                  <button type="button" className="qa-panel-item" aria-label={t('qa.panel.goToLabel', { n, message })} onClick={() => onGoTo(rowId)}>
                    <span className="qa-panel-row">{t('qa.panel.goTo', { n })}</span>
                    <SeverityBadge severity={finding.severity} />
                    <span>{message}</span>
                    {ignored !== undefined ? <span className="muted small"> ({t('qa.panel.ignored', { reason: ignored })})</span> : null}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <div className="button-row">
        <button type="button" className="button" onClick={onClose}>
          {t('qa.panel.close')}
        </button>
      </div>
    </Dialog>
  );
}
