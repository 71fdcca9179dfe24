// Applying the alignment: the request, the overwrite question when rows would replace existing
// English, and the outcome in words.
import { useCallback, useMemo, useState } from 'react';
import type { AlignRow } from '../../domain/align/index.ts';
import { useApplyAlignment, type AlignmentRowPayload, type ApplyAlignmentResult } from '../../data/alignment.ts';
import { errorKind, errorMessage } from '../../data/errors.ts';
import { useT, type Translate } from '../../i18n/i18n.tsx';
import type { ChineseParagraph } from './alignment-row.tsx';
import { payloadWithout, rowsWithConflicts, toApplyPlan, type ApplyPlan } from './alignment-payload.ts';
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
  en: readonly string[];
  /** Existing English by paragraph id, for the overwrite question. */
  existing: ReadonlyMap<string, string>;
  /** The editor's rows as they are now. */
  getRows: () => readonly AlignRow[];
  setNotice: (notice: string | null) => void;
}

export function useAlignmentApply({ documentId, zh, en, existing, getRows, setNotice }: Options) {
  const t = useT();
  const apply = useApplyAlignment(documentId);
  const [conflicts, setConflicts] = useState<Conflicts | null>(null);
  const [applied, setApplied] = useState<{ result: ApplyAlignmentResult; sent: number } | null>(null);
  const conflictRows = useMemo(() => new Set(conflicts?.rows ?? []), [conflicts]);

  function send(plan: ApplyPlan, payload: AlignmentRowPayload[], overwrite: boolean) {
    if (payload.length === 0) {
      setConflicts(null);
      setNotice(t('align.notice.nothingToApply'));
      return;
    }
    apply.mutate(
      { rows: payload, overwrite },
      {
        onSuccess: (result) => {
          if (result.applied) {
            setConflicts(null);
            setApplied({ result, sent: payload.length });
          } else {
            setConflicts({ plan, rows: rowsWithConflicts(getRows(), zh, result.conflicts) });
          }
        },
      },
    );
  }

  /** The rows whose existing English the alignment would replace, side by side with the proposal. */
  const conflictList: ConflictRow[] = (conflicts?.rows ?? []).map((index) => {
    const row = getRows()[index]!;
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
      const plan = toApplyPlan(getRows(), zh, en);
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
