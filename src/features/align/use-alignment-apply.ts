// Applying the alignment: the request, the overwrite question when rows would replace existing
// English, and the outcome in words.
import { useCallback, useMemo, useState } from 'react';
import { useApplyAlignment, type AlignmentRowPayload, type ApplyAlignmentResult } from '../../data/alignment.ts';
import { errorKind, errorMessage } from '../../data/errors.ts';
import { useT, type Translate } from '../../i18n/i18n.tsx';
import type { ChineseParagraph } from './alignment-row.tsx';
import { payloadWithout, rowsWithConflicts, toApplyPlan, type ApplyPlan } from './alignment-payload.ts';
import type { AlignState } from './commands.ts';
import type { ConflictRow } from './conflict-dialog.tsx';

export function describeApplyError(t: Translate, error: unknown): string {
  switch (errorKind(error)) {
    case 'network':
      return t('align.error.network');
    case 'forbidden':
      return t('align.error.forbidden');
    case 'not-found':
      return t('align.error.notFound');
    case 'invalid':
      return t('align.error.invalid', { message: errorMessage(error) });
    default:
      return t('align.error.other', { message: errorMessage(error) });
  }
}

interface Conflicts {
  plan: ApplyPlan;
  rows: number[];
}

interface Options {
  documentId: string;
  zh: readonly ChineseParagraph[];
  /** Existing English by paragraph id, for the overwrite question. */
  existing: ReadonlyMap<string, string>;
  /** The editor's rows and English as they are now. */
  getState: () => AlignState;
  setNotice: (notice: string | null) => void;
}

export function useAlignmentApply({ documentId, zh, existing, getState, setNotice }: Options) {
  const t = useT();
  const apply = useApplyAlignment(documentId);
  const [conflicts, setConflicts] = useState<Conflicts | null>(null);
  /** What the last apply wrote: its result and the first paragraph of each row it sent (what "mark translated" marks). */
  const [applied, setApplied] = useState<{ result: ApplyAlignmentResult; sent: number; heads: string[]; state: AlignState } | null>(null);
  const conflictRows = useMemo(() => new Set(conflicts?.rows ?? []), [conflicts]);

  function send(plan: ApplyPlan, payload: AlignmentRowPayload[], overwrite: boolean) {
    if (payload.length === 0) {
      setConflicts(null);
      setNotice(t('align.notice.nothingToApply'));
      return;
    }
    const state = getState();
    apply.mutate(
      { rows: payload, overwrite },
      {
        onSuccess: (result) => {
          if (result.applied) {
            setConflicts(null);
            setApplied({ result, sent: payload.length, heads: payload.map((row) => row.paragraph_ids[0]!), state });
          } else {
            setConflicts({ plan, rows: rowsWithConflicts(getState().rows, zh, result.conflicts) });
          }
        },
      },
    );
  }

  /** The rows whose existing English the alignment would replace, side by side with the proposal. */
  const { rows: currentRows, en } = getState();
  const conflictList: ConflictRow[] = (conflicts?.rows ?? []).map((index) => {
    const row = currentRows[index]!;
    const paragraphs = row.zh.map((i) => zh[i]!);
    return {
      index,
      positions: paragraphs.map((p) => p.position),
      existing: paragraphs.map((p) => existing.get(p.id) ?? '').filter((s) => s.trim() !== ''),
      proposed: row.en.map((i) => en[i] ?? '').join(' '),
    };
  });

  return {
    mutation: apply,
    applied,
    conflicts: conflicts ? conflictList : null,
    conflictRows,
    forgetApplied: useCallback(() => setApplied(null), []),
    start(busy: boolean) {
      if (apply.isPending || busy) return;
      setApplied(null);
      const { rows, en } = getState();
      const plan = toApplyPlan(rows, zh, en);
      send(plan, plan.rows, false);
    },
    overwrite() {
      if (conflicts) send(conflicts.plan, conflicts.plan.rows, true);
    },
    skipConflicts() {
      if (conflicts) send(conflicts.plan, payloadWithout(conflicts.plan, conflicts.rows), false);
    },
    cancel: () => setConflicts(null),
  };
}
