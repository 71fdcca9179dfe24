/** A grid row whose paragraph has not arrived yet. */
export function RowSkeleton({ index }: { index: number }) {
  return (
    <div className="row row-loading" aria-busy="true">
      <div className="cell cell-number">{index + 1}</div>
      <div className="cell">
        <span className="skeleton" />
      </div>
      <div className="cell">
        <span className="skeleton" />
      </div>
      <div className="cell" />
    </div>
  );
}
