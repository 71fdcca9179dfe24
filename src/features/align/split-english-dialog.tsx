// "Split English at sentence": the sentences of the English paragraph, the cut the sentence
// aligner suggests chosen already, and what the split does to the row.
import { useId, useState } from 'react';
import { Dialog } from '../../components/dialog.tsx';
import { useT } from '../../i18n/i18n.tsx';

interface SplitEnglishDialogProps {
  /** 0-based index of the English paragraph. */
  paragraph: number;
  sentences: readonly string[];
  /** Sentences in the first part, as suggested. */
  suggested: number;
  /** Position of the row's first Chinese paragraph when the row is split too. */
  rowSplitAt: number | null;
  onSplit: (cut: number) => void;
  onCancel: () => void;
}

export function SplitEnglishDialog({ paragraph, sentences, suggested, rowSplitAt, onSplit, onCancel }: SplitEnglishDialogProps) {
  const t = useT();
  const id = useId();
  const [cut, setCut] = useState(suggested);
  return (
    <Dialog
      title={t('align.splitEnglish.title')}
      onClose={onCancel}
      className="align-dialog-wide"
      lead={
        <>
          <p>{t('align.splitEnglish.lead', { n: paragraph + 1, count: sentences.length })}</p>
          {rowSplitAt !== null ? <p>{t('align.splitEnglish.rowToo', { position: rowSplitAt })}</p> : null}
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSplit(cut);
        }}
      >
        <fieldset className="align-sentences">
          <legend>{t('align.splitEnglish.cutAfter')}</legend>
          <ol>
            {sentences.map((sentence, k) => (
              <li key={k} className={k + 1 === cut ? 'is-cut' : k + 1 > cut ? 'is-after' : undefined}>
                {k < sentences.length - 1 ? (
                  <label htmlFor={`${id}-${k}`}>
                    <input id={`${id}-${k}`} type="radio" name={`${id}-cut`} checked={cut === k + 1} onChange={() => setCut(k + 1)} />
                    <span lang="en">{sentence}</span>
                    {k + 1 === suggested ? <span className="muted small"> ({t('align.splitEnglish.suggested')})</span> : null}
                  </label>
                ) : (
                  <span lang="en" className="align-sentence-last">
                    {sentence}
                  </span>
                )}
              </li>
            ))}
          </ol>
        </fieldset>
        <div className="button-row">
          <button type="submit" className="button button-primary">
            {t('align.splitEnglish.confirm')}
          </button>
          <button type="button" className="button button-quiet" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
