// The editing state of the alignment editor: rows with undo/redo, the selected row, the tools
// (enabled or not, run by button or key), re-aligning around confirmed rows in the worker.
import { useCallback, useMemo, useRef, useState } from 'react';
import { toRows, type GlossaryTerm, type TextPair } from '../../domain/align/index.ts';
import { errorMessage, isAbortError } from '../../data/errors.ts';
import { useT } from '../../i18n/i18n.tsx';
import type { AlignWorkerClient } from '../../workers/align-client.ts';
import type { ChineseParagraph } from './alignment-row.tsx';
import type { ToolCommand } from './alignment-toolbar.tsx';
import { canRun, englishToSplit, moveSelection, needsCheck, runEdit, type AlignState, type Command } from './commands.ts';
import { canRedo, canUndo, push, redo, replace, undo, type History } from './history.ts';

export interface AlignmentSummary {
  confirmed: number;
  /** Rows the aligner is unsure of that nobody confirmed yet. */
  check: number;
  /** Rows with both sides: what Apply writes. */
  writable: number;
  unmatchedEnglish: number;
}

interface Options {
  zh: readonly ChineseParagraph[];
  /** Where the editor starts: a fresh alignment, or a draft with its undo history. */
  initialHistory: History<AlignState>;
  client: AlignWorkerClient;
  /** Pairs people confirmed in the project: the aligner learns word pairs from them. */
  confirmedPairs: readonly TextPair[];
  /** Glossary terms: anchors for the aligner. */
  glossary?: readonly GlossaryTerm[];
  /** Shows a line in the editor's status area (null clears it). */
  setNotice: (notice: string | null) => void;
  /** Called when an edit changed the rows (an earlier "applied" message no longer holds). */
  onEdit: () => void;
  /** "Split English at sentence" asks where to cut: the editor shows the choice. */
  onSplitEnglish: (paragraph: number) => void;
}

export function useAlignmentEditing({ zh, initialHistory, client, confirmedPairs, glossary, setNotice, onEdit, onSplitEnglish }: Options) {
  const t = useT();
  const [history, setHistory] = useState<History<AlignState>>(initialHistory);
  const [realigning, setRealigning] = useState(false);
  /** Set by a command: the selected row takes the focus once it is rendered. */
  const focusRequested = useRef(false);
  const state = history.present;
  const stateRef = useRef(state);
  stateRef.current = state;

  // Counts only: the payload itself is built when Apply is pressed, not on every edit.
  const summary = useMemo<AlignmentSummary>(() => {
    const s = { confirmed: 0, check: 0, writable: 0, unmatchedEnglish: 0 };
    for (const row of state.rows) {
      if (row.confirmed) s.confirmed++;
      else if (needsCheck(row)) s.check++;
      if (row.zh.length > 0 && row.en.length > 0) s.writable++;
      else if (row.zh.length === 0) s.unmatchedEnglish += row.en.length;
    }
    return s;
  }, [state.rows]);

  const select = useCallback((index: number) => {
    setHistory((h) => (h.present.selected === index ? h : replace(h, { ...h.present, selected: index })));
  }, []);

  const realign = useCallback(async () => {
    setRealigning(true);
    setNotice(t('align.notice.realigning'));
    try {
      const { rows, en } = stateRef.current;
      const confirmed = rows.filter((r) => r.confirmed).map((r) => ({ zh: [...r.zh], en: [...r.en] }));
      const result = await client.align(
        zh.map((p) => p.text),
        [...en],
        { confirmed, confirmedPairs, ...(glossary?.length ? { glossary } : {}) },
      );
      const next = toRows(result.links, confirmed);
      setHistory((h) => (h.present.en !== en ? h : push(h, { rows: next, en, selected: Math.min(h.present.selected, next.length - 1) })));
      setNotice(t('align.notice.realigned', { count: confirmed.length }));
    } catch (e) {
      if (!isAbortError(e)) setNotice(t('align.error.align', { message: errorMessage(e) }));
    } finally {
      setRealigning(false);
    }
  }, [client, confirmedPairs, glossary, setNotice, t, zh]);

  const run = useCallback(
    (command: Command) => {
      if (realigning) return;
      // Tools act on the selected row and hand the focus back to it, so shortcuts keep working
      // (and a tool that becomes disabled does not drop the focus on the page).
      focusRequested.current = true;
      switch (command) {
        case 'undo':
          setHistory(undo);
          setNotice(null);
          return;
        case 'redo':
          setHistory(redo);
          setNotice(null);
          return;
        case 'realign':
          void realign();
          return;
        case 'splitEnglish': {
          const paragraph = englishToSplit(history.present);
          if (paragraph === null) setNotice(t('align.notice.notPossible'));
          else onSplitEnglish(paragraph);
          return;
        }
        case 'prev':
        case 'next':
        case 'first':
        case 'last':
        case 'nextToCheck':
          select(moveSelection(history.present, command));
          return;
        default:
          if (!canRun(history.present, command)) {
            setNotice(t('align.notice.notPossible'));
            return;
          }
          setHistory((h) => push(h, runEdit(h.present, command)));
          setNotice(null);
          onEdit();
      }
    },
    [history.present, onEdit, onSplitEnglish, realign, realigning, select, setNotice, t],
  );

  function enabled(command: ToolCommand): boolean {
    if (realigning) return false;
    if (command === 'undo') return canUndo(history);
    if (command === 'redo') return canRedo(history);
    if (command === 'realign') return true;
    if (command === 'nextToCheck') return summary.check > 0;
    if (command === 'splitEnglish') return englishToSplit(state) !== null;
    return canRun(state, command);
  }

  /** Records an edit made outside the commands (a split chosen in a dialog). */
  const commit = useCallback(
    (next: AlignState) => {
      focusRequested.current = true;
      setHistory((h) => push(h, next));
      setNotice(null);
      onEdit();
    },
    [onEdit, setNotice],
  );

  return { commit, rows: state.rows, en: state.en, selected: state.selected, history, realigning, summary, select, run, enabled, focusRequested };
}
