// One row of the alignment editor: Chinese paragraphs | English paragraphs | confidence and why.
import { memo } from 'react';
import type { AlignRow } from '../../domain/align/index.ts';
import type { ParagraphKind } from '../../domain/import/index.ts';
import { Badge } from '../../components/badge.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { needsCheck } from './commands.ts';
import { describeReason } from './reasons.ts';

/** Rows that need no check show this many reasons until selected. */
const REASONS_SHOWN = 3;

export interface ChineseParagraph {
  id: string;
  position: number;
  kind: ParagraphKind;
  text: string;
}

interface AlignmentRowViewProps {
  row: AlignRow;
  index: number;
  zh: readonly ChineseParagraph[];
  en: readonly string[];
  selected: boolean;
  conflict: boolean;
  onSelect: (index: number) => void;
}

export const AlignmentRowView = memo(function AlignmentRowView({ row, index, zh, en, selected, conflict, onSelect }: AlignmentRowViewProps) {
  const t = useT();
  const check = needsCheck(row);
  const percent = Math.round(row.confidence * 100);
  const classes = ['align-row', selected ? 'is-selected' : '', check ? 'is-check' : '', row.confirmed ? 'is-confirmed' : '', conflict ? 'is-conflict' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div
      role="group"
      aria-label={t('align.row', { n: index + 1 })}
      aria-current={selected ? 'true' : undefined}
      tabIndex={selected ? 0 : -1}
      data-row-index={index}
      className={classes}
      onMouseDown={() => onSelect(index)}
      onFocus={(e) => {
        if (e.target === e.currentTarget) onSelect(index);
      }}
    >
      <div className="align-cell align-cell-state">
        <span className="align-row-no">{index + 1}</span>
        {row.confirmed ? (
          <Badge tone="success">{t('align.state.confirmed')}</Badge>
        ) : check ? (
          <Badge tone="warning" title={t('align.confidence', { percent })}>
            {t('align.state.check')}
          </Badge>
        ) : (
          <span className="align-confidence" title={t('align.confidence', { percent })}>
            {percent}%
          </span>
        )}
        {conflict ? <Badge tone="danger">{t('align.state.conflict')}</Badge> : null}
      </div>
      <div className="align-cell align-cell-zh">
        {row.zh.length === 0 ? (
          <p className="align-none">{t('align.noChinese')}</p>
        ) : (
          row.zh.map((i) => {
            const p = zh[i];
            return (
              <p key={i} className={`align-zh align-zh-${p?.kind ?? 'body'}`} lang="zh-CN">
                <span className="align-pno">¶{p?.position ?? i + 1}</span>
                {p?.text}
              </p>
            );
          })
        )}
      </div>
      <div className="align-cell align-cell-en">
        {row.en.length === 0 ? (
          <p className="align-none">{t('align.noEnglish')}</p>
        ) : (
          row.en.map((i) => (
            <p key={i} className="align-en" lang="en">
              <span className="align-pno">E{i + 1}</span>
              {en[i]}
            </p>
          ))
        )}
      </div>
      <div className="align-cell align-cell-why">
        <ul className="align-reasons" aria-label={t('align.why')}>
          {(selected || check ? row.reasons : row.reasons.slice(0, REASONS_SHOWN)).map((reason, k) => (
            <li key={k} className={`align-reason align-reason-${reason.kind}${reason.kind === 'length' ? ` fit-${reason.fit}` : ''}`}>
              {describeReason(t, reason, row)}
            </li>
          ))}
        </ul>
        {!selected && !check && row.reasons.length > REASONS_SHOWN ? (
          <span className="muted small">{t('align.moreReasons', { count: row.reasons.length - REASONS_SHOWN })}</span>
        ) : null}
      </div>
    </div>
  );
});
