// Why a link was proposed, in the user's language, from the aligner's structured reasons.
import type { AlignRow, AnchorKind, Reason } from '../../domain/align/index.ts';
import type { MessageKey, Translate } from '../../i18n/i18n.tsx';

// A Record, so a new anchor kind in the aligner fails type-checking here until it has a name.
const ANCHOR_NAMES: Record<AnchorKind, MessageKey> = {
  number: 'align.anchor.number',
  date: 'align.anchor.date',
  percent: 'align.anchor.percent',
  ordinal: 'align.anchor.ordinal',
  section: 'align.anchor.section',
  title: 'align.anchor.title',
  glossary: 'align.anchor.glossary',
  verbatim: 'align.anchor.verbatim',
  punctuation: 'align.anchor.punctuation',
  lexicon: 'align.anchor.lexicon',
};

export function describeReason(t: Translate, reason: Reason, row: Pick<AlignRow, 'zh' | 'en'>): string {
  switch (reason.kind) {
    case 'length':
      return t('align.reason.length', {
        fit: t(`align.fit.${reason.fit}` as MessageKey),
        ratio: reason.ratio.toFixed(1),
        expected: reason.expected.toFixed(1),
      });
    case 'anchor-match': {
      const name = ANCHOR_NAMES[reason.anchor];
      return name ? t('align.reason.anchor', { kind: t(name), zh: reason.zh, en: reason.en }) : reason.text;
    }
    case 'anchor-missing': {
      const name = ANCHOR_NAMES[reason.anchor];
      if (!name) return reason.text;
      return t(reason.side === 'zh' ? 'align.reason.missingInEnglish' : 'align.reason.missingInChinese', { kind: t(name), value: reason.value });
    }
    case 'shape':
      return t('align.reason.shape', { zh: row.zh.length, en: row.en.length });
    case 'unmatched':
      return t(reason.side === 'zh' ? 'align.reason.noEnglish' : 'align.reason.noChinese');
    case 'confirmed':
      return t('align.reason.confirmed');
    case 'edited':
      return t('align.reason.edited');
    default:
      // A reason kind this screen does not know yet still shows the aligner's own words.
      return (reason as { text?: string }).text ?? '';
  }
}
