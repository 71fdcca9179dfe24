// The foot of the alignment editor: what applying will write, the rows still to check, the apply
// button, its outcome, and marking the applied rows translated.
import { Link } from 'react-router-dom';
import type { useMarkAlignmentTranslated } from '../../data/alignment.ts';
import { errorMessage } from '../../data/errors.ts';
import { useT } from '../../i18n/i18n.tsx';
import { describeApplyError, type useAlignmentApply } from './use-alignment-apply.ts';
import type { useAlignmentEditing } from './use-alignment-editing.ts';

interface AlignmentApplyPanelProps {
  documentId: string;
  summary: ReturnType<typeof useAlignmentEditing>['summary'];
  /** The first row still to check (-1: none). */
  firstCheck: number;
  onGoTo: (index: number) => void;
  realigning: boolean;
  onApply: () => void;
  applying: ReturnType<typeof useAlignmentApply>;
  markTranslated: ReturnType<typeof useMarkAlignmentTranslated>;
}

export function AlignmentApplyPanel({ documentId, summary, firstCheck, onGoTo, realigning, onApply, applying, markTranslated }: AlignmentApplyPanelProps) {
  const t = useT();
  const apply = applying.mutation;
  return (
    <div className="align-apply">
      <p className="small">
        {t('align.applyPlan', { rows: summary.writable })}
        {summary.unmatchedEnglish > 0 ? ` ${t('align.applyUnmatched', { count: summary.unmatchedEnglish })}` : ''}
      </p>
      {firstCheck >= 0 ? (
        <p className="small align-apply-check">
          {t('align.applyCheck', { count: summary.check })}{' '}
          <button type="button" className="button button-small button-quiet" onClick={() => onGoTo(firstCheck)}>
            {t('align.applyCheckJump', { n: firstCheck + 1 })}
          </button>
        </p>
      ) : null}
      {/* aria-disabled keeps the focus on the button while the request runs. */}
      <button type="button" className="button button-primary" aria-disabled={apply.isPending || realigning} onClick={onApply}>
        {apply.isPending ? t('align.applying') : t('align.apply')}
      </button>
      {applying.applied ? (
        <div className="form-success" role="status">
          <p>
            {t('align.applied', { written: applying.applied.result.written, rows: applying.applied.sent })}{' '}
            <Link to={`/documents/${documentId}`}>{t('align.openWorkspace')}</Link>
          </p>
          {markTranslated.isSuccess ? (
            <p>{t('align.markedTranslated', markTranslated.data)}</p>
          ) : (
            <button
              type="button"
              className="button button-small"
              aria-disabled={markTranslated.isPending}
              onClick={() => {
                if (!markTranslated.isPending && applying.applied) markTranslated.mutate(applying.applied.heads);
              }}
            >
              {markTranslated.isPending ? t('align.markingTranslated') : t('align.markTranslated')}
            </button>
          )}
        </div>
      ) : null}
      {markTranslated.isError ? (
        <p className="form-error" role="alert">
          {t('align.error.mark', { message: errorMessage(markTranslated.error) })}
        </p>
      ) : null}
      {apply.isError ? (
        <p className="form-error" role="alert">
          {describeApplyError(t, apply.error)}
        </p>
      ) : null}
    </div>
  );
}
