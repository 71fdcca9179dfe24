// "Go to paragraph n": scrolls the grid to a row number, also to rows not loaded yet.
import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n/i18n.tsx';

export function GoToRow({ count, onGoTo }: { count: number; onGoTo: (index: number) => void }) {
  const t = useT();
  const [value, setValue] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    const n = Number.parseInt(value, 10);
    if (!Number.isFinite(n) || count === 0) return;
    onGoTo(Math.min(Math.max(n, 1), count) - 1);
  }

  return (
    <form className="go-to" onSubmit={submit}>
      <label className="field-inline">
        <span>{t('workspace.goTo')}</span>
        <input type="number" inputMode="numeric" min={1} max={count} value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <button type="submit" className="button button-small">
        {t('workspace.goToButton')}
      </button>
    </form>
  );
}
