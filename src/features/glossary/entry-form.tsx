// Adding or editing a glossary entry: the Chinese term, English renderings (one a line, the
// preferred first), forbidden renderings, kind, note and source.
import { useId, useState, type FormEvent } from 'react';
import { GLOSSARY_KINDS, type GlossaryEntry, type GlossaryFields, type GlossaryKind } from '../../data/glossary.ts';
import { errorMessage } from '../../data/errors.ts';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import { Dialog } from '../../components/dialog.tsx';

const lines = (text: string) =>
  text
    .split(/\n|\s*[|｜]\s*/)
    .map((s) => s.trim())
    .filter(Boolean);

export interface EntryFormValues extends Partial<GlossaryFields> {
  zh?: string;
}

interface EntryFormProps {
  title: string;
  initial: EntryFormValues | GlossaryEntry;
  onSave: (fields: GlossaryFields) => Promise<unknown>;
  onClose: () => void;
  /** Shown under the title (e.g. "Researchers propose: a reviewer approves"). */
  lead?: string;
}

export function EntryForm({ title, initial, onSave, onClose, lead }: EntryFormProps) {
  const t = useT();
  const id = useId();
  const [zh, setZh] = useState(initial.zh ?? '');
  const [en, setEn] = useState((initial.en ?? []).join('\n'));
  const [forbidden, setForbidden] = useState((initial.forbidden ?? []).join('\n'));
  const [kind, setKind] = useState<GlossaryKind>(initial.kind ?? 'term');
  const [note, setNote] = useState(initial.note ?? '');
  const [source, setSource] = useState(initial.source ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields: GlossaryFields = { zh: zh.replace(/[\s\u3000]+/g, ''), en: lines(en), forbidden: lines(forbidden), kind, note: note.trim(), source: source.trim() };
    if (!fields.zh) return setError(t('glossary.error.zhRequired'));
    if (fields.en.length === 0) return setError(t('glossary.error.enRequired'));
    const clash = fields.forbidden.find((f) => fields.en.some((e) => e.toLowerCase() === f.toLowerCase()));
    if (clash) return setError(t('glossary.error.bothLists', { term: clash }));
    setBusy(true);
    setError(null);
    try {
      await onSave(fields);
      onClose();
    } catch (e) {
      const message = errorMessage(e);
      setError(/duplicate|23505|glossary_entries_term/.test(message) ? t('glossary.error.duplicate', { zh: fields.zh }) : message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={title} onClose={onClose} className="glossary-form-dialog" lead={lead}>
      <form className="glossary-form" onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor={`${id}-zh`}>{t('glossary.field.zh')}</label>
        <input id={`${id}-zh`} lang="zh-CN" value={zh} maxLength={200} autoFocus onChange={(e) => setZh(e.target.value)} />
        <label htmlFor={`${id}-en`}>{t('glossary.field.en')}</label>
        <textarea id={`${id}-en`} lang="en" rows={3} value={en} onChange={(e) => setEn(e.target.value)} aria-describedby={`${id}-en-hint`} />
        <p id={`${id}-en-hint`} className="muted small">
          {t('glossary.field.enHint')}
        </p>
        <label htmlFor={`${id}-forbidden`}>{t('glossary.field.forbidden')}</label>
        <textarea id={`${id}-forbidden`} lang="en" rows={2} value={forbidden} onChange={(e) => setForbidden(e.target.value)} />
        <label htmlFor={`${id}-kind`}>{t('glossary.field.kind')}</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as GlossaryKind)}>
          {GLOSSARY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`glossary.kind.${k}` as MessageKey)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-note`}>{t('glossary.field.note')}</label>
        <textarea id={`${id}-note`} rows={2} value={note} maxLength={4000} onChange={(e) => setNote(e.target.value)} />
        <label htmlFor={`${id}-source`}>{t('glossary.field.source')}</label>
        <input id={`${id}-source`} value={source} maxLength={500} onChange={(e) => setSource(e.target.value)} />
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('glossary.save')}
          </button>
          <button type="button" className="button button-quiet" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
