import { Fragment, type ReactNode } from 'react';

/** The trail of pages above this one, joined by ▸. */
export function Breadcrumb({ label, items }: { label: string; items: readonly ReactNode[] }) {
  return (
    <nav className="breadcrumb" aria-label={label}>
      {items.map((item, i) => (
        <Fragment key={i}>
          {i > 0 ? <span aria-hidden="true"> ▸ </span> : null}
          {item}
        </Fragment>
      ))}
    </nav>
  );
}
