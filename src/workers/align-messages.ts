// Messages between the alignment screen and the alignment Web Worker.

import type { AlignOptions, AlignResult } from '../domain/align/index.ts';

export interface AlignRequest {
  /** Chosen by the caller to match a response to its request. */
  id: number;
  zh: string[];
  en: string[];
  options?: Omit<AlignOptions, 'dictionary'>;
  /** Weigh the CC-CEDICT dictionary (loaded by the Worker the first time): true unless false. */
  dictionary?: boolean;
}

export type AlignResponse = { id: number; result: AlignResult } | { id: number; error: string };
