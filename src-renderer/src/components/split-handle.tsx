import { useRef, type JSX, type KeyboardEvent, type PointerEvent } from 'react';

/**
 * The separator between a view and the pane on its right: drag it, or focus it and use the arrow
 * keys (Home / End for the limits). `width` is the pane's width in pixels, kept within [min, max].
 */
export function SplitHandle(props: { width: number; min: number; max: number; label: string; onChange(width: number): void }): JSX.Element {
  const drag = useRef<{ x: number; width: number } | null>(null);
  const clamp = (w: number) => Math.round(Math.min(Math.max(w, props.min), Math.max(props.min, props.max)));

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, width: props.width };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) props.onChange(clamp(drag.current.width + drag.current.x - e.clientX));
  };
  const onPointerUp = () => (drag.current = null);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 80 : 20;
    const next = e.key === 'ArrowLeft' ? props.width + step : e.key === 'ArrowRight' ? props.width - step : e.key === 'Home' ? props.max : e.key === 'End' ? props.min : null;
    if (next === null) return;
    e.preventDefault();
    props.onChange(clamp(next));
  };

  return (
    <div
      className="split-handle"
      role="separator"
      aria-orientation="vertical"
      aria-label={props.label}
      aria-valuenow={props.width}
      aria-valuemin={props.min}
      aria-valuemax={props.max}
      tabIndex={0}
      data-testid="split-handle"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
      title="Drag to resize (or focus and use the arrow keys)"
    />
  );
}
