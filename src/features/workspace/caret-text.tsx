// Selecting a phrase with the keyboard: the row's Chinese (Alt+C) or English (Alt+T) shown in a
// text field with a caret, where the arrows move it and Shift+arrows select, as in any text field
// (Ctrl+arrows by word, Home/End, ↑/↓ by line, all native).
//
// Why a <textarea> that refuses every edit rather than contenteditable or a readonly field:
// Chromium moves a caret only in editable text (a `readonly` field extends a selection but never
// moves or shows a collapsed caret without caret browsing), and contenteditable lets an input
// method, spellcheck or a drop rewrite the DOM under React. A textarea is one native text object:
// screen readers (NVDA, JAWS, VoiceOver, Orca) read the character, word or line the caret moves
// over and the selection, and aria-readonly="true" tells them it is not for typing. Every edit is
// cancelled at `beforeinput` (typing, deleting, pasting, dropping, cutting), the value is
// controlled by React (anything an input method composes is put back at once), inputmode="none"
// keeps a touch keyboard away, and nothing in the field is ever saved: the text cannot change.
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/i18n.tsx';

interface CaretTextProps {
  text: string;
  lang: 'zh-CN' | 'en';
  label: string;
  /** The selection in `text` (UTF-16 offsets; start === end: a caret). */
  onSelect: (start: number, end: number) => void;
  /** Enter: add a note to the selection. */
  onCommit: () => void;
  /** Esc: back to the row. */
  onLeave: () => void;
  /** A note on the selection is not possible (it crosses paragraphs): said under the text. */
  problem?: string | null;
}

export function CaretText({ text, lang, label, onSelect, onCommit, onLeave, problem }: CaretTextProps) {
  const t = useT();
  const hintId = useId();
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(0, 0);
    const refuse = (event: Event) => event.preventDefault();
    el.addEventListener('beforeinput', refuse);
    el.addEventListener('drop', refuse);
    return () => {
      el.removeEventListener('beforeinput', refuse);
      el.removeEventListener('drop', refuse);
    };
  }, []);

  function report() {
    const el = ref.current;
    if (el) onSelect(el.selectionStart, el.selectionEnd);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      report();
      onCommit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onLeave();
    }
  }

  return (
    <div className="caret-text-wrap">
      <textarea
        ref={ref}
        value={text}
        // Controlled: whatever slips past beforeinput (an input method's composition) is put back.
        onChange={() => undefined}
        aria-readonly="true"
        inputMode="none"
        autoComplete="off"
        autoCorrect="off"
        lang={lang}
        aria-label={label}
        aria-describedby={hintId}
        spellCheck={false}
        className={`caret-text caret-text-${lang === 'en' ? 'en' : 'zh'}`}
        onSelect={report}
        onKeyUp={report}
        onMouseUp={report}
        onKeyDown={onKeyDown}
      />
      <p id={hintId} className="caret-hint small muted">
        {problem ?? t('caret.hint')}
      </p>
    </div>
  );
}
