// The bar Ctrl+F opens in the workspace: a query, "3 of 17", previous and next (Enter, Shift+Enter),
// Escape to close. The grid does the finding and the scrolling.
import type { KeyboardEvent, RefObject } from 'react';
import { useT } from '../../i18n/i18n.tsx';

interface FindBarProps {
  query: string;
  onQuery: (query: string) => void;
  total: number;
  /** 0-based index of the current match. */
  current: number;
  onStep: (delta: 1 | -1) => void;
  onClose: () => void;
  /** Rows loaded so far, when the document is still arriving. */
  partialRows?: number | undefined;
  inputRef: RefObject<HTMLInputElement | null>;
}

export function FindBar({ query, onQuery, total, current, onStep, onClose, partialRows, inputRef }: FindBarProps) {
  const t = useT();
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      onStep(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  }
  return (
    <div className="find-bar" role="search" aria-label={t('find.bar')}>
      <input
        ref={inputRef}
        type="text"
        aria-label={t('find.label')}
        placeholder={t('find.label')}
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
      />
      <span className="find-count" role="status" aria-live="polite">
        {query.trim() === '' ? '' : total === 0 ? t('find.none') : t('find.count', { current: current + 1, total })}
        {partialRows !== undefined && query.trim() !== '' ? <span className="muted"> {t('find.partial', { loaded: partialRows })}</span> : null}
      </span>
      <button type="button" className="button button-small" aria-label={t('find.previous')} title={`${t('find.previous')} (Shift+Enter)`} disabled={total === 0} onClick={() => onStep(-1)}>
        <span aria-hidden="true">↑</span>
      </button>
      <button type="button" className="button button-small" aria-label={t('find.next')} title={`${t('find.next')} (Enter)`} disabled={total === 0} onClick={() => onStep(1)}>
        <span aria-hidden="true">↓</span>
      </button>
      <button type="button" className="button button-small button-quiet" aria-label={t('find.close')} title={`${t('find.close')} (Esc)`} onClick={onClose}>
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}
