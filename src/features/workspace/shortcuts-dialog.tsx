// "?" in the workspace: every keyboard shortcut of the document page, in the UI's language.
import { useCallback, useEffect, useState } from 'react';
import { Dialog } from '../../components/dialog.tsx';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';

/** The workspace's shortcuts: keys as shown, and what they do. */
export const WORKSPACE_SHORTCUTS: readonly { keys: readonly string[]; what: MessageKey }[] = [
  { keys: ['Enter'], what: 'shortcuts.edit' },
  { keys: ['Esc'], what: 'shortcuts.leave' },
  { keys: ['Ctrl+Enter', '⌘+Enter'], what: 'shortcuts.markDone' },
  { keys: ['Alt+↓', 'Alt+↑'], what: 'shortcuts.move' },
  { keys: ['Ctrl+1', 'Ctrl+2', 'Ctrl+3'], what: 'shortcuts.suggestion' },
  { keys: ['Ctrl+G', '⌘+G'], what: 'shortcuts.glossary' },
  { keys: ['Ctrl+F', '⌘+F'], what: 'shortcuts.find' },
  { keys: ['Enter', 'Shift+Enter'], what: 'shortcuts.findStep' },
  { keys: ['Alt+C'], what: 'shortcuts.caretSource' },
  { keys: ['Alt+T'], what: 'shortcuts.caretTranslation' },
  { keys: ['Shift+←', 'Shift+→', 'Shift+↑', 'Shift+↓'], what: 'shortcuts.caretSelect' },
  { keys: ['Enter'], what: 'shortcuts.caretNote' },
  { keys: ['Esc'], what: 'shortcuts.caretLeave' },
  { keys: ['Tab', 'Shift+Tab'], what: 'shortcuts.tab' },
  { keys: ['?'], what: 'shortcuts.open' },
];

/** Whether a key event comes from somewhere typing happens (inputs, editors), where "?" is a character. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** Opens the panel on "?" pressed outside a text field. */
export function useShortcutsKey(open: () => void) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      // The read-only text of a row takes typed characters to start editing: "?" there is text too.
      if (event.target instanceof HTMLElement && event.target.closest('.translation-view.is-editable')) return;
      event.preventDefault();
      open();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [open]);
}

/** The shortcuts dialog's open state; "?" opens it. */
export function useShortcutsDialog() {
  const [isOpen, setOpen] = useState(false);
  const open = useCallback(() => setOpen(true), []);
  useShortcutsKey(open);
  return { isOpen, open, close: () => setOpen(false) };
}

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose} className="shortcuts-dialog">
      <table className="shortcuts-table">
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.keys')}</th>
            <th scope="col">{t('shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          {WORKSPACE_SHORTCUTS.map((s) => (
            <tr key={s.what}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 ? ' / ' : null}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(s.what)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="button-row">
        <button type="button" className="button" onClick={onClose}>
          {t('shortcuts.close')}
        </button>
      </div>
    </Dialog>
  );
}
