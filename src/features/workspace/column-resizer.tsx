// A drag handle between two grid columns, also worked from the keyboard (a focusable separator:
// ←/→ move it 2 %, Shift or PageUp/PageDown 10 %, Home/End to either limit).
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { MIN_COLUMN, type ColumnWidths } from './use-workspace-layout.ts';

interface ColumnResizerProps {
  /** The column left of the boundary. */
  left: 'zh' | 'en';
  columns: ColumnWidths;
  onResize: (left: 'zh' | 'en', delta: number) => void;
  /** Percent of the columns' shares per pixel of drag, measured when the drag starts. */
  percentPerPixel: () => number;
}

const STEP = 2;
const BIG_STEP = 10;

export function ColumnResizer({ left, columns, onResize, percentPerPixel }: ColumnResizerProps) {
  const t = useT();
  const drag = useRef<{ x: number; scale: number } | null>(null);
  const right = left === 'zh' ? 'en' : 'notes';
  const value = Math.round(columns[left]);
  const max = Math.round(columns[left] + columns[right] - MIN_COLUMN);
  const name = left === 'zh' ? t('workspace.col.source') : t('workspace.col.translation');

  function onKeyDown(event: KeyboardEvent) {
    const step = event.shiftKey ? BIG_STEP : STEP;
    const delta: Record<string, number> = {
      ArrowLeft: -step,
      ArrowRight: step,
      ArrowDown: -step,
      ArrowUp: step,
      PageDown: -BIG_STEP,
      PageUp: BIG_STEP,
      Home: MIN_COLUMN - columns[left],
      End: max - columns[left],
    };
    const d = delta[event.key];
    if (d === undefined) return;
    event.preventDefault();
    onResize(left, d);
  }

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    drag.current = { x: event.clientX, scale: percentPerPixel() };
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    const d = drag.current;
    if (!d) return;
    const moved = (event.clientX - d.x) * d.scale;
    if (Math.abs(moved) < 0.1) return;
    onResize(left, moved);
    d.x = event.clientX;
  }

  return (
    <div
      role="separator"
      tabIndex={0}
      className="column-resizer"
      aria-orientation="vertical"
      aria-label={left === 'zh' ? t('layout.resize.zhEn') : t('layout.resize.enNotes')}
      aria-valuenow={value}
      aria-valuemin={MIN_COLUMN}
      aria-valuemax={max}
      aria-valuetext={t('layout.resize.value', { column: name, n: value })}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
    />
  );
}
