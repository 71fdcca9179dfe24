// Why a link was proposed, in the user's language, from the aligner's structured reasons.
import type { AlignRow, Reason } from '../../domain/align/types.ts';
import type { MessageKey, Translate } from '../../i18n/i18n.tsx';

export function describeReason(t: Translate, reason: Reason, row: Pick<AlignRow, 'zh' | 'en'>): string {
  switch (reason.kind) {
    case 'length':
      return t('align.reason.length', {
        fit: t(`align.fit.${reason.fit}` as MessageKey),
        ratio: reason.ratio.toFixed(1),
        expected: reason.expected.toFixed(1),
      });
    case 'anchor-match':
      return t('align.reason.anchor', { kind: t(`align.anchor.${reason.anchor}` as MessageKey), zh: reason.zh, en: reason.en });
    case 'anchor-missing':
      return t(reason.side === 'zh' ? 'align.reason.missingInEnglish' : 'align.reason.missingInChinese', {
        kind: t(`align.anchor.${reason.anchor}` as MessageKey),
        value: reason.value,
      });
    case 'shape':
      return t('align.reason.shape', { zh: row.zh.length, en: row.en.length });
    case 'unmatched':
      return t(reason.side === 'zh' ? 'align.reason.noEnglish' : 'align.reason.noChinese');
    case 'confirmed':
      return t('align.reason.confirmed');
    case 'edited':
      return t('align.reason.edited');
  }
}
