// A labelled progress bar for one phase of an import; without `max` it shows activity only.
export function ProgressLine({ label, status, value, max }: { label: string; status: string; value?: number; max?: number }) {
  const known = value !== undefined && max !== undefined && max > 0;
  const percent = known ? Math.round((Math.min(value, max) / max) * 100) : null;
  return (
    <div className="import-progress">
      <div className="import-progress-text small">
        <span>{status}</span>
        {percent !== null ? <span className="muted">{percent}%</span> : null}
      </div>
      {known ? <progress aria-label={label} value={value} max={max} /> : <progress aria-label={label} />}
    </div>
  );
}
