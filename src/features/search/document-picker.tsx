// The search page's document filter: the chosen documents as chips, and a title box whose
// suggestions (a listbox under it, the ARIA combobox pattern) come from the library a few at a
// time — a project may hold 10,000 documents, so nothing is listed whole.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useDocumentTitles, useDocumentTitleSuggestions } from '../../data/search.ts';
import { useT } from '../../i18n/i18n.tsx';

/** Waits `ms` after the last change before passing a value on. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function DocumentPicker({ projectId, selected, onChange }: { projectId: string; selected: string[]; onChange: (ids: string[]) => void }) {
  const t = useT();
  const id = useId();
  const listId = `${id}-list`;
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const wanted = useDebounced(text.trim(), 200);
  const suggestions = useDocumentTitleSuggestions(projectId, open ? wanted : '', selected);
  const titles = useDocumentTitles(projectId, selected);
  const options = suggestions.data ?? [];
  const typing = open && wanted !== '' && text.trim() !== '';
  const expanded = typing && options.length > 0;

  useEffect(() => setActive(0), [wanted]);

  function choose(documentId: string) {
    onChange([...selected.filter((d) => d !== documentId), documentId]);
    setText('');
    setOpen(false);
    input.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((a) => (options.length ? (a + 1) % options.length : 0));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => (options.length ? (a - 1 + options.length) % options.length : 0));
    } else if (event.key === 'Enter') {
      // Never submits the search form from here: Enter picks the highlighted title.
      event.preventDefault();
      const option = expanded ? options[active] : undefined;
      if (option) choose(option.id);
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  }

  const titleOf = (documentId: string) => titles.data?.get(documentId);
  const activeOption = expanded ? options[active] : undefined;

  return (
    <div className="field document-picker">
      <label htmlFor={`${id}-input`}>{t('search.documents.label')}</label>
      <div className="document-picker-anchor">
        <input
          id={`${id}-input`}
          ref={input}
          type="text"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeOption ? `${id}-option-${activeOption.id}` : undefined}
          aria-describedby={`${id}-hint`}
          autoComplete="off"
          value={text}
          placeholder={t('search.documents.placeholder')}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" className="document-picker-list" aria-label={t('search.documents.suggestions', { text: wanted })} hidden={!expanded}>
          {expanded
            ? options.map((o, i) => (
                <li
                  key={o.id}
                  id={`${id}-option-${o.id}`}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? 'is-active' : undefined}
                  // Chosen before the box loses focus (which closes the list).
                  onMouseDown={(e) => {
                    e.preventDefault();
                    choose(o.id);
                  }}
                  onMouseEnter={() => setActive(i)}
                >
                  <span lang="zh-CN">{o.title}</span>
                  {o.published_on ? (
                    <time className="muted small" dateTime={o.published_on}>
                      {o.published_on}
                    </time>
                  ) : null}
                </li>
              ))
            : null}
        </ul>
        {typing && (suggestions.isPending || options.length === 0) ? (
          <p className="document-picker-message muted small" role="status">
            {suggestions.isPending
              ? t('search.searching')
              : t(selected.length ? 'search.documents.noneOther' : 'search.documents.none', { text: wanted })}
          </p>
        ) : null}
      </div>
      <span id={`${id}-hint`} className="muted small">
        {selected.length ? t('search.documents.hintSome', { n: selected.length }) : t('search.documents.hintAll')}
      </span>
      {selected.length ? (
        <ul className="chips document-picker-chosen" aria-label={t('search.documents.chosen')}>
          {selected.map((documentId) => {
            const title = titleOf(documentId) ?? t('search.thatDocument');
            return (
              <li key={documentId} className="chip">
                <span lang="zh-CN">{title}</span>
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={t('search.documents.remove', { title })}
                  onClick={() => onChange(selected.filter((d) => d !== documentId))}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
