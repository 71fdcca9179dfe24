// What every row of the workspace needs from the page, without threading it through props.
import { createContext, useContext } from 'react';
import type { SessionUser } from '../../data/auth.ts';
import type { Profile } from '../../data/profiles.ts';
import type { Annotation } from '../../data/annotations.ts';
import type { TextAnchorSelectors } from '../../domain/anchor/index.ts';
import type { GlossaryMatcher } from '../../domain/glossary/index.ts';
import type { QaFinding } from '../../domain/qa/index.ts';
import type { GlossaryTerm } from './use-workspace-qa.ts';

/** An open note form: a new note (on the paragraph or a selected span) or an edit. */
export type Composer =
  | {
      mode: 'new';
      anchor: TextAnchorSelectors | null;
      /** What the anchor selects in: the Chinese (default) or the English. */
      target?: 'source' | 'translation';
      /** The paragraph the note goes on, when not the row's first (a merged row's Chinese). */
      paragraphId?: string;
    }
  | { mode: 'edit'; annotation: Annotation };

export interface WorkspaceContextValue {
  documentId: string;
  /** The document's project ('' until the document row arrives). */
  projectId: string;
  user: SessionUser;
  canTranslate: boolean;
  canAnnotate: boolean;
  /** Owners and reviewers: they approve, and may ignore QA findings. */
  canReview: boolean;
  profiles: Map<string, Profile>;
  /** Turns a row's translation into the editor (and focuses it when `focus`). */
  activate: (paragraphId: string, focus?: boolean) => void;
  /** Moves the editor `delta` rows from row `index`. */
  move: (index: number, delta: 1 | -1) => void;
  /** Leaves the editor of a row (Esc): the row shows its read-only text again, focused. */
  leave: (paragraphId: string) => void;
  openComposer: (paragraphId: string, composer: Composer) => void;
  closeComposer: (paragraphId: string) => void;
  /** Opens the concordance of a selected phrase (Chinese or English) across the project. */
  openConcordance: (text: string, language: 'zh' | 'en') => void;
  /** The project's glossary (undefined while loading or when empty). */
  glossary: GlossaryMatcher<GlossaryTerm> | undefined;
  /** Translations of the same Chinese in other rows of the document, for the consistency check. */
  qaElsewhere: (paragraphId: string) => ReadonlyArray<{ text: string; where: string }>;
  /** Findings ignored per row: fingerprint → reason. */
  qaIgnores: ReadonlyMap<string, ReadonlyMap<string, string>>;
  ignoreFinding: (paragraphId: string, finding: QaFinding, reason: string, message?: string) => Promise<void>;
  unignoreFinding: (paragraphId: string, finding: QaFinding) => void;
  /** Pinyin above the Chinese. */
  showPinyin: boolean;
}

export const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

export function useWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace outside the workspace');
  return value;
}
