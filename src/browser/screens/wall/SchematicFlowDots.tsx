/**
 * The schematic's moving dots (power flowing along each line, faster on busier lines), drawn over the chart as small
 * elements each moved by a Web Animation of `transform` only: the compositor runs them, so the main thread does
 * nothing per frame and nothing is re-rasterised. (The ECharts lines effect this replaces redrew a canvas the size
 * of the schematic every frame: with software rendering, the wall's single largest cost.)
 *
 * Placed by the chart's own grid and axis ranges (schematic-option.ts), in the box's layout pixels, which the wall's
 * canvas scale does not change; re-placed when the box is resized. Nothing moves while `animate` is off (the scene
 * hidden, or prefers-reduced-motion).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { FLOW_PERIOD_S, type FlowLine, SCHEMATIC_GRID, SCHEMATIC_X, SCHEMATIC_Y } from './schematic-option';
import styles from './wall.module.css';

interface Size {
  width: number;
  height: number;
}

/** A schematic coordinate in the box's pixels (the y axis runs down, as the chart's inverse axis). */
export function schematicPx([x, y]: readonly [number, number], size: Size): [number, number] {
  const w = size.width - SCHEMATIC_GRID.left - SCHEMATIC_GRID.right;
  const h = size.height - SCHEMATIC_GRID.top - SCHEMATIC_GRID.bottom;
  return [
    SCHEMATIC_GRID.left + ((x - SCHEMATIC_X.min) / (SCHEMATIC_X.max - SCHEMATIC_X.min)) * w,
    SCHEMATIC_GRID.top + ((y - SCHEMATIC_Y.min) / (SCHEMATIC_Y.max - SCHEMATIC_Y.min)) * h,
  ];
}

/** The golden ratio's fraction: dots on neighbouring lines start evenly spread over the period, never in step. */
const PHASE_STEP = 0.618034;

export function SchematicFlowDots({ flows, animate }: { flows: readonly FlowLine[]; animate: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<Size | null>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      setSize((s) => (s && s.width === width && s.height === height ? s : { width, height }));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const shown = animate && size !== null && size.width > 0 ? flows : [];
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || !size || shown.length === 0) return;
    const running = shown.map((f, i) => {
      const [x0, y0] = schematicPx(f.coords[0], size);
      const [x1, y1] = schematicPx(f.coords[1], size);
      const periodMs = FLOW_PERIOD_S[f.band] * 1000;
      return (el.children[i] as HTMLElement).animate(
        [{ transform: `translate(${x0}px, ${y0}px)` }, { transform: `translate(${x1}px, ${y1}px)` }],
        { duration: periodMs, iterations: Number.POSITIVE_INFINITY, delay: -((i * PHASE_STEP) % 1) * periodMs },
      );
    });
    return () => {
      for (const a of running) a.cancel();
    };
  }, [shown, size]);
  return (
    <div ref={box} className={styles.flowDots} aria-hidden="true" data-testid="wall-schematic-flow">
      {shown.map((f, i) => (
        <i
          // biome-ignore lint/suspicious/noArrayIndexKey: a dot is its line's place in the picture, rebuilt with it
          key={i}
          className={styles.flowDot}
          data-band={f.band}
          data-tie={f.tie || undefined}
        />
      ))}
    </div>
  );
}
