// QA of one row as the translator types: "N QA issues" opens the list; each item highlights its
// spans in both texts and can be ignored with a reason.
import { useMemo, useState } from 'react';
import { checkRow, type QaFinding, type QaSpan } from '../../domain/qa/index.ts';
import type { GlossaryMatcher, MatchableTerm } from '../../domain/glossary/index.ts';
import { useT, type MessageKey, type Translate } from '../../i18n/i18n.tsx';
import { Badge } from '../../components/badge.tsx';

/** The finding in words, in the UI's language. */
export function qaMessage(t: Translate, finding: QaFinding): string {
  return t(`qa.message.${finding.code}` as MessageKey, finding.params);
}

export function qaKindLabel(t: Translate, kind: QaFinding['kind']): string {
  return t(`qa.kind.${kind}` as MessageKey);
}

/** Findings of a row worth a translator's attention: an untouched row is not a QA issue. */
export function useRowFindings(
  zh: string,
  en: string,
  glossary: GlossaryMatcher<MatchableTerm> | undefined,
  elsewhere: ReadonlyArray<{ text: string; where: string }> | undefined,
): QaFinding[] {
  return useMemo(() => checkRow({ zh, en, glossary, elsewhere }).filter((f) => f.kind !== 'empty'), [zh, en, glossary, elsewhere]);
}

export function SeverityBadge({ severity }: { severity: QaFinding['severity'] }) {
  const t = useT();
  return <Badge tone={severity === 'error' ? 'danger' : 'warning'}>{t(`qa.severity.${severity}`)}</Badge>;
}

interface RowQaProps {
  n: number;
  findings: QaFinding[];
  /** Findings ignored on this row (shown apart, with their reasons). */
  ignored: ReadonlyArray<{ finding: QaFinding; reason: string }>;
  selected: string | null;
  onSelect: (finding: QaFinding | null) => void;
  /** Stores an ignore with its reason; null when the user may not. */
  onIgnore: ((finding: QaFinding, reason: string) => Promise<void>) | null;
  onUnignore: ((finding: QaFinding) => void) | null;
}

export function RowQaButton({ n, count, errors, open, onToggle }: { n: number; count: number; errors: number; open: boolean; onToggle: () => void }) {
  const t = useT();
  return (
    <button
      type="button"
      className={`button button-small qa-button${errors ? ' has-errors' : ''}`}
      aria-expanded={open}
      aria-label={t('qa.row.buttonLabel', { count, n })}
      onClick={onToggle}
    >
      <span aria-hidden="true">{errors ? '⚠ ' : '△ '}</span>
      {t(count === 1 ? 'qa.row.one' : 'qa.row.many', { count })}
    </button>
  );
}

function IgnoreForm({ onSave, onCancel }: { onSave: (reason: string) => Promise<void>; onCancel: () => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="qa-ignore-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim() === '') {
          setError(t('qa.ignore.reasonRequired'));
          return;
        }
        setBusy(true);
        onSave(reason.trim()).then(
          () => setBusy(false),
          (err: unknown) => {
            setBusy(false);
            setError(err instanceof Error ? err.message : String(err));
          },
        );
      }}
    >
      <label>
        {t('qa.ignore.reason')}
        <input value={reason} autoFocus maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit" className="button button-small button-primary" disabled={busy}>
        {t('qa.ignore.save')}
      </button>
      <button type="button" className="button button-small button-quiet" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      {error ? (
        <p className="form-error small" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** The list under a row: each finding, its message, its spans highlighted on demand. */
export function RowQaList({ n, findings, ignored, selected, onSelect, onIgnore, onUnignore }: RowQaProps) {
  const t = useT();
  const [ignoring, setIgnoring] = useState<string | null>(null);
  return (
    <section className="qa-list" aria-label={t('qa.row.listLabel', { n })}>
      {findings.length === 0 ? <p className="muted small">{t('qa.row.none')}</p> : null}
      <ul>
        {findings.map((f) => (
          <li key={f.fingerprint} className={selected === f.fingerprint ? 'is-selected' : undefined}>
            <button
              type="button"
              className="qa-item"
              aria-pressed={selected === f.fingerprint}
              onClick={() => onSelect(selected === f.fingerprint ? null : f)}
            >
              <SeverityBadge severity={f.severity} /> <span>{qaMessage(t, f)}</span>
            </button>
            {onIgnore ? (
              ignoring === f.fingerprint ? (
                <IgnoreForm
                  onSave={async (reason) => {
                    await onIgnore(f, reason);
                    setIgnoring(null);
                  }}
                  onCancel={() => setIgnoring(null)}
                />
              ) : (
                <button
                  type="button"
                  className="button button-small button-quiet"
                  aria-label={t('qa.ignore.label', { message: qaMessage(t, f) })}
                  onClick={() => setIgnoring(f.fingerprint)}
                >
                  {t('qa.ignore.button')}
                </button>
              )
            ) : null}
          </li>
        ))}
      </ul>
      {ignored.length ? (
        <details className="qa-ignored">
          <summary>{t('qa.ignored.summary', { count: ignored.length })}</summary>
          <ul>
            {ignored.map(({ finding, reason }) => (
              <li key={finding.fingerprint}>
                <span>{qaMessage(t, finding)}</span> <span className="muted small">— {reason}</span>{' '}
                {onUnignore ? (
                  <button
                    type="button"
                    className="button button-small button-quiet"
                    aria-label={t('qa.unignore.label', { message: qaMessage(t, finding) })}
                    onClick={() => onUnignore(finding)}
                  >
                    {t('qa.unignore.button')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** The spans of a finding on one side. */
export function spansOn(finding: QaFinding | null, side: QaSpan['side']): QaSpan[] {
  return finding ? finding.spans.filter((s) => s.side === side) : [];
}
