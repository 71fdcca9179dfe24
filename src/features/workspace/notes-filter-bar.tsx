// "Filter notes" in the workspace toolbar: a button that opens the note filters (status, kind,
// tag, author, only rows with notes), all combinable; the button says how many are on.
import { useId, useRef, useState } from 'react';
import { ANNOTATION_KINDS, annotationStatusSchema, type Annotation, type AnnotationKind, type AnnotationStatus } from '../../data/annotations.ts';
import type { Profile } from '../../data/profiles.ts';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import { useDismiss } from '../../components/use-dismiss.ts';
import { filterChoices, filtersOn, type NoteFilters } from './note-filters.ts';

interface NotesFilterBarProps {
  notes: readonly Annotation[];
  filters: NoteFilters;
  update: (patch: Partial<NoteFilters>) => void;
  clear: () => void;
  profiles: Map<string, Profile>;
  userId: string;
  /** Rows shown while only rows with notes are: said next to the button. */
  rowsShown: number | null;
}

export function NotesFilterBar({ notes, filters, update, clear, profiles, userId, rowsShown }: NotesFilterBarProps) {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const { tags, authors } = filterChoices(notes);
  if (filters.tag && !tags.some((x) => x.toLocaleLowerCase() === filters.tag.toLocaleLowerCase())) tags.unshift(filters.tag);
  const others = authors.filter((a) => a !== userId).sort((a, b) => (profiles.get(a)?.displayName ?? '').localeCompare(profiles.get(b)?.displayName ?? ''));
  if (filters.author && filters.author !== userId && !others.includes(filters.author)) others.unshift(filters.author);
  const active = filtersOn(filters);

  // The panel closes on a press outside it (and on Escape).
  useDismiss(open, () => setOpen(false), [panelRef, buttonRef]);

  return (
    <div
      className="notes-filter"
      // Esc closes the panel, from the button or from within it, and leaves the focus on the button.
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className={`button button-small${active ? ' is-on' : ''}`}
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        aria-label={active ? t('notes.filters.buttonActive', { count: active }) : t('notes.filters.button')}
        onClick={() => setOpen((o) => !o)}
      >
        {t('notes.filters.button')}
        {active ? <span className="count-badge" aria-hidden="true">{active}</span> : null}
      </button>
      {rowsShown !== null ? (
        <span className="small muted" role="status">
          {t('notes.filters.rowsShown', { count: rowsShown })}
        </span>
      ) : null}
      <div
        ref={panelRef}
        id={`${id}-panel`}
        role="group"
        aria-label={t('notes.filters.title')}
        className="notes-filter-panel"
        hidden={!open}
      >
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('notes.filters.status')}</label>
          <select id={`${id}-status`} value={filters.status} onChange={(e) => update({ status: e.target.value as AnnotationStatus | '' })}>
            <option value="">{t('notes.filters.any')}</option>
            {annotationStatusSchema.options.map((s) => (
              <option key={s} value={s}>
                {t(`notes.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('notes.filters.kind')}</label>
          <select id={`${id}-kind`} value={filters.kind} onChange={(e) => update({ kind: e.target.value as AnnotationKind | '' })}>
            <option value="">{t('notes.filters.any')}</option>
            {ANNOTATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-tag`}>{t('notes.filters.tag')}</label>
          <select id={`${id}-tag`} value={filters.tag} onChange={(e) => update({ tag: e.target.value })}>
            <option value="">{t('notes.filters.any')}</option>
            {tags.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-author`}>{t('notes.filters.author')}</label>
          <select id={`${id}-author`} value={filters.author} onChange={(e) => update({ author: e.target.value })}>
            <option value="">{t('notes.filters.anyone')}</option>
            <option value={userId}>{t('notes.filters.me')}</option>
            {others.map((a) => (
              <option key={a} value={a}>
                {profiles.get(a)?.displayName ?? t('notes.someone')}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={filters.onlyRowsWithNotes} onChange={(e) => update({ onlyRowsWithNotes: e.target.checked })} />{' '}
          {t('notes.filters.onlyRows')}
        </label>
        <div className="button-row">
          <button type="button" className="button button-small button-quiet" disabled={active === 0} onClick={clear}>
            {t('notes.filters.clear')}
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setOpen(false);
              buttonRef.current?.focus();
            }}
          >
            {t('notes.filters.done')}
          </button>
        </div>
      </div>
    </div>
  );
}
