// Why a link was proposed, in the user's language, from the aligner's structured reasons.
import type { AlignRow, LandmarkKind, Reason } from '../../domain/align/index.ts';
import type { MessageKey, Translate } from '../../i18n/i18n.tsx';

// A Record, so a new landmark kind in the aligner fails type-checking here until it has a name.
const LANDMARK_NAMES: Record<LandmarkKind, MessageKey> = {
  number: 'align.landmark.number',
  date: 'align.landmark.date',
  percent: 'align.landmark.percent',
  ordinal: 'align.landmark.ordinal',
  section: 'align.landmark.section',
  title: 'align.landmark.title',
  glossary: 'align.landmark.glossary',
  verbatim: 'align.landmark.verbatim',
  punctuation: 'align.landmark.punctuation',
  lexicon: 'align.landmark.lexicon',
  dictionary: 'align.landmark.dictionary',
};

export function describeReason(t: Translate, reason: Reason, row: Pick<AlignRow, 'zh' | 'en'>): string {
  switch (reason.kind) {
    case 'length':
      return t('align.reason.length', {
        fit: t(`align.fit.${reason.fit}` as MessageKey),
        english: reason.english,
        low: reason.low,
        high: reason.high,
      });
    case 'landmark-match': {
      const name = LANDMARK_NAMES[reason.landmark];
      return name ? t('align.reason.landmark', { kind: t(name), zh: reason.zh, en: reason.en }) : reason.text;
    }
    case 'landmark-missing': {
      const name = LANDMARK_NAMES[reason.landmark];
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
