import type { TranslationStatus } from '../../data/translations.ts';

/** The status a row will have once its pending edit is saved (the database applies the same rules). */
export function shownStatus(stored: TranslationStatus, edit: { status: TranslationStatus | null; text: string } | null): TranslationStatus {
  if (!edit) return stored;
  if (edit.status) return edit.status;
  if (stored === 'empty' && edit.text.trim() !== '') return 'draft';
  if (stored === 'approved') return 'translated';
  if (stored === 'rejected') return 'draft';
  return stored;
}
