// The attributes marked text carries: where a run of the English starts in its plain text, and
// which notes a highlight belongs to (so a click on it opens the note).
import type { MouseEvent } from 'react';

export const RUN_ATTRIBUTE = 'data-at';
export const NOTES_ATTRIBUTE = 'data-notes';

/** A note highlight clicked (not a drag that selected text): the notes it belongs to. */
export function clickedNotes(event: MouseEvent): string[] | null {
  const mark = event.target instanceof Element ? event.target.closest(`mark[${NOTES_ATTRIBUTE}]`) : null;
  if (!mark) return null;
  // A click that ends a drag over the text is a selection being made, not a click on the note.
  if (window.getSelection()?.isCollapsed === false) return null;
  return mark.getAttribute(NOTES_ATTRIBUTE)?.split(' ') ?? null;
}
