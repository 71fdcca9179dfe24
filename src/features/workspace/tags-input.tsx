// The tags field of the note editor: comma-separated tags, the tag being typed completed from the
// project's tags (ARIA combobox with a listbox: ↓/↑ choose, Enter or Tab take, Esc closes).
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/i18n.tsx';

/** The tag being typed: the text after the last separator. */
export function currentTag(value: string): { before: string; tag: string } {
  const m = /^(.*[,，;；])?\s*([^,，;；]*)$/u.exec(value);
  return { before: m?.[1] ?? '', tag: (m?.[2] ?? '').replace(/^#/, '') };
}

/** Tags of the project starting with (then containing) what is typed, not those already given. */
export function tagSuggestions(value: string, projectTags: readonly string[], limit = 8): string[] {
  const { before, tag } = currentTag(value);
  const typed = tag.trim().toLocaleLowerCase();
  const given = new Set(before.split(/[,，;；]/).map((t) => t.trim().replace(/^#/, '').toLocaleLowerCase()));
  const open = projectTags.filter((t) => !given.has(t.toLocaleLowerCase()) && t.toLocaleLowerCase() !== typed);
  if (typed === '') return open.slice(0, limit);
  const starts = open.filter((t) => t.toLocaleLowerCase().startsWith(typed));
  const contains = open.filter((t) => !t.toLocaleLowerCase().startsWith(typed) && t.toLocaleLowerCase().includes(typed));
  return [...starts, ...contains].slice(0, limit);
}

/** The value with the tag being typed replaced by `tag`, ready for the next one. */
export function completeTag(value: string, tag: string): string {
  const { before } = currentTag(value);
  return `${before}${before ? ' ' : ''}${tag}, `;
}

interface TagsInputProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  projectTags: readonly string[];
  placeholder?: string;
}

export function TagsInput({ id, value, onChange, projectTags, placeholder }: TagsInputProps) {
  const t = useT();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const options = useMemo(() => (open ? tagSuggestions(value, projectTags) : []), [open, value, projectTags]);
  const expanded = open && options.length > 0;

  function take(tag: string) {
    onChange(completeTag(value, tag));
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      const count = open ? options.length : tagSuggestions(value, projectTags).length;
      if (count === 0) return;
      setActive((a) => (event.key === 'ArrowDown' ? (a + 1) % count : a <= 0 ? count - 1 : a - 1));
    } else if ((event.key === 'Enter' || event.key === 'Tab') && expanded && active >= 0 && options[active]) {
      event.preventDefault();
      take(options[active]);
    } else if (event.key === 'Escape' && expanded) {
      // Closes the list only; a second Esc reaches the form (cancel).
      event.stopPropagation();
      setOpen(false);
      setActive(-1);
    }
  }

  return (
    <div className="tags-input">
      <input
        id={id}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={expanded ? listId : undefined}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        value={value}
        placeholder={placeholder}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
      />
      {expanded ? (
        <ul id={listId} role="listbox" aria-label={t('notes.tagSuggestions')} className="tags-listbox">
          {options.map((tag, i) => (
            <li
              key={tag}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              // Taken on mousedown, before the input loses the focus.
              onMouseDown={(e) => {
                e.preventDefault();
                take(tag);
              }}
            >
              {tag}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
