// "Look up": CC-CEDICT entries for the selected Chinese (and the words it is made of), with pinyin
// in tone marks and English definitions; traditional text is looked up in its simplified form too.
import { useEffect, useState } from 'react';
import type { LookupResult } from '../domain/dictionary/index.ts';
import { truncateCodePoints } from '../domain/text/index.ts';
import { useT } from '../i18n/i18n.tsx';
import { Dialog } from './dialog.tsx';
import './lookup-dialog.css';

/** Finds the dictionary entries of a selection (the workers' dictionary client, passed in by the feature). */
export type LookUp = (selection: string) => Promise<{ results: LookupResult[]; simplified: string }>;

type State = { phase: 'loading' } | { phase: 'done'; results: LookupResult[]; simplified: string } | { phase: 'error'; message: string };

let toneMarks: ((numbered: string) => string) | null = null;

/** "zhong1 guo2" → "zhōng guó" (pinyin-pro's converter, loaded with the dialog). */
async function loadToneMarks(): Promise<(numbered: string) => string> {
  if (toneMarks) return toneMarks;
  const { convert } = await import('pinyin-pro');
  toneMarks = (numbered) => convert(numbered.replace(/u:/g, 'v').replace(/U:/g, 'V'), { format: 'numToSymbol' }).replace(/(\w)5\b/g, '$1');
  return toneMarks;
}

export function LookupDialog({ text, lookUp, onClose }: { text: string; lookUp: LookUp; onClose: () => void }) {
  const t = useT();
  const [state, setState] = useState<State>({ phase: 'loading' });
  const [marks, setMarks] = useState<((s: string) => string) | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([lookUp(text), loadToneMarks()]).then(
      ([found, convert]) => {
        if (!live) return;
        setMarks(() => convert);
        setState({ phase: 'done', ...found });
      },
      (error: unknown) => live && setState({ phase: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [text, lookUp]);

  return (
    <Dialog title={t('lookup.title', { text })} onClose={onClose} className="lookup-dialog">
      {state.phase === 'loading' ? (
        <p role="status">{t('lookup.loading')}</p>
      ) : state.phase === 'error' ? (
        <p className="form-error" role="alert">
          {t('lookup.error', { message: state.message })}
        </p>
      ) : (
        <>
          {state.simplified !== text ? (
            <p className="muted small">{t('lookup.simplified', { text: state.simplified })}</p>
          ) : null}
          {state.results.length === 0 ? <p role="status">{t('lookup.none', { text })}</p> : null}
          <dl className="lookup-results">
            {state.results.map((r) => (
              <div key={r.word} className="lookup-word">
                <dt lang="zh-CN">{r.word}</dt>
                {r.entries.map((e, i) => (
                  <dd key={i}>
                    <span lang="zh-CN" className="lookup-forms">
                      {e.simplified}
                      {e.traditional !== e.simplified ? ` 〔${e.traditional}〕` : ''}
                    </span>{' '}
                    <span className="lookup-pinyin" lang="zh-Latn-pinyin">
                      {marks ? marks(e.pinyin) : e.pinyin}
                    </span>
                    <ol className="lookup-definitions" lang="en">
                      {e.definitions.map((d, k) => (
                        <li key={k}>{d}</li>
                      ))}
                    </ol>
                  </dd>
                ))}
              </div>
            ))}
          </dl>
        </>
      )}
      <p className="muted small lookup-credit">
        {t('lookup.credit')}{' '}
        <a href="https://creativecommons.org/licenses/by-sa/4.0/" target="_blank" rel="noreferrer">
          CC BY-SA 4.0
        </a>
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={onClose}>
          {t('qa.panel.close')}
        </button>
      </div>
    </Dialog>
  );
}

/** "Look up" for selected Chinese, with the start of it; pressing it keeps the text selection alive. */
export function LookupButton({ text, title, onClick }: { text: string; title?: string | undefined; onClick: () => void }) {
  const t = useT();
  return (
    <button
      type="button"
      className="button button-small lookup-open"
      aria-label={t('lookup.openLabel', { text })}
      title={title}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      {t('lookup.open')}
      <span className="selection-preview" lang="zh-CN">
        「{truncateCodePoints(text, 12)}」
      </span>
    </button>
  );
}
