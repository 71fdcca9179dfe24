// A labelled progress bar ("Translated 31 / 47").
interface ProgressBarProps {
  label: string;
  value: number;
  max: number;
  tone?: 'translated' | 'approved' | 'notes';
  compact?: boolean;
}

export function ProgressBar({ label, value, max, tone = 'translated', compact = false }: ProgressBarProps) {
  const safeMax = Math.max(0, max);
  const clamped = Math.min(Math.max(0, value), safeMax);
  const percent = safeMax === 0 ? 0 : Math.round((clamped / safeMax) * 100);
  return (
    <div className={`progress progress-${tone}${compact ? ' progress-compact' : ''}`}>
      <div className="progress-label">
        <span>{label}</span>
        <span className="progress-figures">
          {clamped} / {safeMax}
        </span>
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={safeMax}
        aria-valuenow={clamped}
        aria-valuetext={`${clamped} / ${safeMax}`}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
