// Closing a popover the way menus close: Escape anywhere, and (when given the popover's own
// elements) a press outside them.
import { useEffect, useRef, type RefObject } from 'react';

export function useDismiss(open: boolean, close: () => void, inside: readonly RefObject<HTMLElement | null>[] = []): void {
  // The latest close and elements, without re-subscribing on every render.
  const latest = useRef({ close, inside });
  latest.current = { close, inside };
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') latest.current.close();
    };
    const onPointer = (e: PointerEvent) => {
      const { close, inside } = latest.current;
      if (inside.length && !inside.some((ref) => ref.current?.contains(e.target as Node))) close();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);
}
