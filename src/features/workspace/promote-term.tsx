// "Add to glossary" on a researcher's Term note: one click makes the quoted Chinese a glossary entry
// (a proposal, for a reviewer to approve), its English the note's first line, the rest its note.
import { useAddGlossaryEntry } from '../../data/glossary.ts';
import type { Annotation } from '../../data/annotations.ts';
import { errorMessage } from '../../data/errors.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useWorkspace } from './workspace-context.ts';
import { termFromNote } from '../../domain/glossary/index.ts';

export function PromoteTerm({ note }: { note: Annotation }) {
  const t = useT();
  const ws = useWorkspace();
  const add = useAddGlossaryEntry(ws.projectId);
  const term = termFromNote(note);
  if (note.kind !== 'term' || !term || !ws.projectId || note.status === 'draft') return null;
  const known = ws.glossary?.match(term.zh).some((m) => m.start === 0 && m.end === term.zh.length);
  if (known || add.isSuccess) return <p className="muted small">{t('glossary.promote.inGlossary', { zh: term.zh })}</p>;
  const author = ws.profiles.get(note.author_id)?.displayName;
  return (
    <div className="note-promote">
      <button
        type="button"
        className="button button-small"
        disabled={add.isPending || term.en.length === 0}
        title={term.en.length === 0 ? t('glossary.promote.noEnglish') : undefined}
        aria-label={t('glossary.promote.label', { zh: term.zh })}
        onClick={() =>
          add.mutate({
            ...term,
            forbidden: [],
            kind: 'term',
            source: author ? t('glossary.promote.source', { name: author }) : '',
            from_annotation_id: note.id,
          })
        }
      >
        {t('glossary.promote.button')}
      </button>
      {add.isError ? (
        <p className="form-error small" role="alert">
          {errorMessage(add.error)}
        </p>
      ) : null}
    </div>
  );
}
