// "Import translations": an XLIFF or TMX file translated elsewhere (or the three files of an
// InterText alignment) is previewed against the document as it is now — what changes, what
// conflicts with newer work, what matches nothing — and written as drafts only when confirmed.
import { useId, useState } from 'react';
import { useModalDialog } from '../../components/dialog.tsx';
import { truncateCodePoints } from '../../domain/text/index.ts';
import { useApplyImport, usePreviewImport, type ImportPreview } from '../../data/interop-hooks.ts';
import { useApplyAlignment } from '../../data/alignment.ts';
import { errorKind, errorMessage } from '../../data/errors.ts';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import { interopErrorText, interopText } from '../../components/interop-error.ts';

const SHOWN = 200;
const excerpt = (text: string) => truncateCodePoints(text.replace(/\s+/g, ' ').trim(), 160);

interface ImportTranslationsDialogProps {
  documentId: string;
  onClose: () => void;
}

const REASONS: Record<string, MessageKey> = {
  'changed-since-export': 'translationImport.conflict.changedSinceExport',
  'has-other-english': 'translationImport.conflict.hasOtherEnglish',
  'repeated-in-file': 'translationImport.conflict.repeatedInFile',
};

export function ImportTranslationsDialog({ documentId, onClose }: ImportTranslationsDialogProps) {
  const t = useT();
  const ref = useModalDialog();
  const id = useId();
  const [files, setFiles] = useState<File[]>([]);
  const [overwrite, setOverwrite] = useState<Set<string>>(new Set());
  const [replaceAligned, setReplaceAligned] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const preview = usePreviewImport(documentId);
  const apply = useApplyImport(documentId);
  const align = useApplyAlignment(documentId);
  const data: ImportPreview | undefined = preview.data;


  const choose = (list: FileList | null) => {
    const chosen = [...(list ?? [])];
    setFiles(chosen);
    setOverwrite(new Set());
    setResult(null);
    apply.reset();
    align.reset();
    if (chosen.length > 0) preview.mutate(chosen);
    else preview.reset();
  };

  const write = () => {
    if (!data) return;
    if (data.kind === 'translations') {
      apply.mutate(
        { plan: data.plan, overwrite },
        {
          onSuccess: (written) => setResult(t('translationImport.done', { count: written })),
          // A row changed meanwhile: compare again with the document as it is now.
          onError: (error) => {
            if (errorKind(error) === 'conflict') preview.mutate(files);
          },
        },
      );
      return;
    }
    const byPosition = new Map(data.doc.paragraphs.map((p) => [p.position, p.id]));
    align.mutate(
      { rows: data.rows.map((r) => ({ paragraph_ids: r.positions.map((p) => byPosition.get(p)!), text: r.text })), overwrite: replaceAligned },
      { onSuccess: (r) => r.applied && setResult(t('translationImport.aligned', { count: r.written })) },
    );
  };

  const toggle = (paragraphId: string, on: boolean) => {
    const next = new Set(overwrite);
    if (on) next.add(paragraphId);
    else next.delete(paragraphId);
    setOverwrite(next);
  };

  const plan = data?.kind === 'translations' ? data.plan : null;
  const toWrite = plan ? plan.changes.length + plan.conflicts.filter((c) => c.reason !== 'repeated-in-file' && overwrite.has(c.paragraphId)).length : data?.kind === 'alignment' ? data.rows.length : 0;
  const alignConflicts = align.data && !align.data.applied ? align.data.conflicts : null;
  const busy = preview.isPending || apply.isPending || align.isPending;

  return (
    <dialog
      ref={ref}
      className="interop-dialog interop-dialog-wide"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${id}-title`}>{t('translationImport.title')}</h2>
      <p className="muted small">{t('translationImport.lead')}</p>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('translationImport.file')}</label>
        <input id={`${id}-file`} type="file" multiple accept=".xlf,.xliff,.xlf2,.tmx,.xml,application/xml,text/xml" onChange={(e) => choose(e.target.files)} />
      </div>
      {preview.isPending ? <p className="muted small" role="status">{t('translationImport.reading')}</p> : null}
      {preview.isError ? (
        <p className="form-error" role="alert">
          {t('translationImport.error', { message: interopErrorText(t, preview.error, errorMessage) })}
        </p>
      ) : null}
      {plan && !result ? (
        <section aria-label={t('translationImport.preview')} className="interop-preview">
          <ul className="interop-summary">
            <li>
              <strong>{t('translationImport.summary.changes', { count: plan.changes.length })}</strong>
            </li>
            <li>{t('translationImport.summary.unchanged', { count: plan.unchanged + plan.outdated })}</li>
            {plan.withoutTarget ? <li>{t('translationImport.summary.withoutTarget', { count: plan.withoutTarget })}</li> : null}
            {plan.conflicts.length ? <li className="interop-warn">{t('translationImport.summary.conflicts', { count: plan.conflicts.length })}</li> : null}
            {plan.unmatched.length ? <li className="interop-warn">{t('translationImport.summary.unmatched', { count: plan.unmatched.length })}</li> : null}
          </ul>
          {plan.changes.length ? (
            <table className="interop-table">
              <caption>{t('translationImport.changes')}</caption>
              <thead>
                <tr>
                  <th scope="col">¶</th>
                  <th scope="col">{t('translationImport.now')}</th>
                  <th scope="col">{t('translationImport.fromFile')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.changes.slice(0, SHOWN).map((c) => (
                  <tr key={c.paragraphId}>
                    <td className="nowrap">{c.positions}</td>
                    <td>{c.before ? excerpt(c.before) : <span className="muted">{t('translationImport.empty')}</span>}{c.wasApproved ? <span className="muted small"> · {t('translationImport.wasApproved')}</span> : null}</td>
                    <td>{excerpt(c.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {plan.changes.length > SHOWN ? <p className="muted small">{t('translationImport.more', { count: plan.changes.length - SHOWN })}</p> : null}
          {plan.conflicts.length ? (
            <fieldset className="interop-conflicts">
              <legend>{t('translationImport.conflicts')}</legend>
              {plan.conflicts.slice(0, SHOWN).map((c) => (
                <div key={`${c.paragraphId}-${c.unit}`} className="interop-conflict">
                  <p className="small">
                    <strong>¶{c.positions}</strong> · {t(REASONS[c.reason]!)}
                  </p>
                  <p className="small">
                    <span className="interop-label">{t('translationImport.now')}</span> {excerpt(c.before)}
                  </p>
                  <p className="small">
                    <span className="interop-label">{t('translationImport.fromFile')}</span> {excerpt(c.after)}
                  </p>
                  {c.reason !== 'repeated-in-file' ? (
                    <label className="small">
                      <input type="checkbox" checked={overwrite.has(c.paragraphId)} onChange={(e) => toggle(c.paragraphId, e.target.checked)} />{' '}
                      {t('translationImport.overwrite', { positions: c.positions })}
                    </label>
                  ) : null}
                </div>
              ))}
            </fieldset>
          ) : null}
          {plan.unmatched.length ? (
            <details className="small">
              <summary>{t('translationImport.unmatched', { count: plan.unmatched.length })}</summary>
              <ul>
                {plan.unmatched.slice(0, SHOWN).map((u) => (
                  <li key={u.unit}>
                    {t('translationImport.unit', { n: u.unit })}
                    {u.id ? ` (${u.id})` : ''}: <span lang="zh-CN">{excerpt(u.source)}</span>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ) : null}
      {data?.kind === 'alignment' && !result ? (
        <section aria-label={t('translationImport.preview')} className="interop-preview">
          <p>
            <strong>{t('translationImport.alignment', { count: data.rows.length })}</strong>
          </p>
          {data.warnings.length ? (
            <details className="small">
              <summary>{t('translationImport.alignmentNotes', { count: data.warnings.length })}</summary>
              <ul>
                {data.warnings.slice(0, SHOWN).map((w) => (
                  <li key={w.message}>{interopText(t, w)}</li>
                ))}
              </ul>
            </details>
          ) : null}
          {alignConflicts ? (
            <div className="interop-conflict">
              <p className="small interop-warn">{t('translationImport.alignConflicts', { positions: alignConflicts.map((p) => `¶${p}`).join(' ') })}</p>
              <label className="small">
                <input type="checkbox" checked={replaceAligned} onChange={(e) => setReplaceAligned(e.target.checked)} /> {t('translationImport.alignReplace')}
              </label>
            </div>
          ) : null}
        </section>
      ) : null}
      {apply.isError || align.isError ? (
        <p className="form-error" role="alert">
          {errorKind(apply.error ?? align.error) === 'conflict' ? t('translationImport.changedMeanwhile') : t('translationImport.error', { message: errorMessage(apply.error ?? align.error) })}
        </p>
      ) : null}
      {result ? (
        <p className="interop-done" role="status">
          {result}
        </p>
      ) : null}
      <div className="button-row interop-actions">
        <button type="button" className="button" onClick={onClose}>
          {result ? t('interop.close') : t('common.cancel')}
        </button>
        {data && !result ? (
          <button type="button" className="button button-primary" disabled={busy || toWrite === 0 || (alignConflicts !== null && !replaceAligned)} onClick={write}>
            {data.kind === 'translations' ? t('translationImport.apply', { count: toWrite }) : t('translationImport.applyAlignment', { count: toWrite })}
          </button>
        ) : null}
      </div>
    </dialog>
  );
}
