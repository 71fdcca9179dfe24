// Shown in place of a row's editor when a save was refused as stale: both versions side by side,
// keep mine, take theirs, or merge by hand and save on top of their version.
import { useState } from 'react';
import type { ConflictResolution, PendingEdit } from '../../data/translation-outbox.ts';
import type { Translation } from '../../data/translations.ts';
import { RichTextView } from '../../editor/rich-text-view.tsx';
import { parseRichDoc, type RichDoc } from '../../editor/rich-text-schema.ts';
import { plainTextToDoc } from '../../editor/rich-text.ts';
import { DeferredRichTextEditor } from '../../editor/lazy.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { DiffText } from '../../components/diff-text.tsx';
import { differs } from '../../domain/diff/index.ts';

interface ConflictPanelProps {
  paragraphNumber: number;
  mine: PendingEdit;
  theirs: Translation;
  theirName: string | undefined;
  /** Settles the conflict in the outbox. */
  onResolve: (resolution: ConflictResolution) => Promise<void>;
  onResolved: () => void;
}

export function ConflictPanel({ paragraphNumber, mine, theirs, theirName, onResolve, onResolved }: ConflictPanelProps) {
  const t = useT();
  const [merging, setMerging] = useState(false);
  const [merged, setMerged] = useState<{ doc: RichDoc; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = `conflict-${mine.paragraphId}`;

  async function resolve(resolution: ConflictResolution) {
    setBusy(true);
    try {
      await onResolve(resolution);
      onResolved();
    } finally {
      setBusy(false);
    }
  }

  const mineDoc = parseRichDoc(mine.body) ?? plainTextToDoc(mine.text);

  return (
    <section className="conflict" role="region" aria-labelledby={headingId}>
      <h3 id={headingId} className="conflict-title">
        {t('conflict.title', { n: paragraphNumber })}
      </h3>
      <p className="small">{theirName ? t('conflict.explainNamed', { name: theirName }) : t('conflict.explain')}</p>
      <div className="conflict-versions">
        <div className="conflict-version">
          <h4>{t('conflict.mine')}</h4>
          <div className="rich-text translation-text" lang="en">
            <RichTextView value={mine.body} fallbackText={mine.text} />
          </div>
        </div>
        <div className="conflict-version">
          <h4>{t('conflict.theirs')}</h4>
          <div className="rich-text translation-text" lang="en">
            <RichTextView value={theirs.body} fallbackText={theirs.text} />
          </div>
        </div>
      </div>
      {differs(mine.text, theirs.text) ? (
        <div className="conflict-diff">
          <h4>{t('conflict.diff')}</h4>
          <DiffText before={mine.text} after={theirs.text} label={t('conflict.diffLabel', { n: paragraphNumber })} />
          <p className="small muted">{t('conflict.diffLegend')}</p>
        </div>
      ) : null}
      {merging ? (
        <div className="conflict-merge">
          <DeferredRichTextEditor
            initialContent={mineDoc}
            label={t('conflict.mergedLabel')}
            lang="en"
            className="rich-text translation-text translation-editor"
            autoFocus
            onChange={(doc, text) => setMerged({ doc, text })}
            fallback={<p className="muted">{t('common.loadingEditor')}</p>}
          />
          <div className="button-row">
            <button
              type="button"
              className="button button-primary button-small"
              disabled={busy}
              onClick={() =>
                void resolve({
                  choice: 'merged',
                  draft: { body: merged?.doc ?? mineDoc, text: merged?.text ?? mine.text, status: mine.status },
                })
              }
            >
              {t('conflict.saveMerge')}
            </button>
            <button type="button" className="button button-small button-quiet" onClick={() => setMerging(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <button type="button" className="button button-small button-primary" disabled={busy} onClick={() => void resolve({ choice: 'mine' })}>
            {t('conflict.keepMine')}
          </button>
          <button type="button" className="button button-small" disabled={busy} onClick={() => void resolve({ choice: 'theirs' })}>
            {t('conflict.takeTheirs')}
          </button>
          <button type="button" className="button button-small" disabled={busy} onClick={() => setMerging(true)}>
            {t('conflict.merge')}
          </button>
        </div>
      )}
    </section>
  );
}
