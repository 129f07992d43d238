/**
 * A number that glides to each new value instead of jumping (ease-out, 800 ms). It writes the text straight into its
 * span (React renders the span empty and never touches its text), so a tween re-renders nothing in React. Without a
 * value it shows the dash; under reduced motion it just sets the value.
 */
import { useLayoutEffect, useRef } from 'react';
import { DASH } from '../../ui/format/number';

interface Props {
  value: number | null;
  format: (x: number) => string;
  reducedMotion: boolean;
  durationMs?: number;
  testId?: string;
  className?: string;
}

export function TweenNumber({ value, format, reducedMotion, durationMs = 800, testId, className }: Props) {
  const ref = useRef<HTMLSpanElement>(null);
  const shown = useRef<number | null>(null);
  const formatRef = useRef(format);
  formatRef.current = format;
  const target = value !== null && Number.isFinite(value) ? value : null;
  // Re-run when the text of the target changes too (a new language or unit with the same value).
  const targetText = target === null ? DASH : format(target);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const from = shown.current;
    if (target === null) {
      shown.current = null;
      el.textContent = DASH;
      return;
    }
    if (from === null || reducedMotion || from === target || !el.isConnected) {
      shown.current = target;
      el.textContent = targetText;
      return;
    }
    const start = performance.now();
    let frame = 0;
    const step = (now: number) => {
      const k = Math.min(1, (now - start) / durationMs);
      const eased = 1 - (1 - k) ** 3;
      const v = k >= 1 ? target : from + (target - from) * eased;
      shown.current = v;
      el.textContent = k >= 1 ? targetText : formatRef.current(v);
      if (k < 1) frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [target, targetText, reducedMotion, durationMs]);

  return <span ref={ref} className={className} data-testid={testId} data-value={target ?? ''} />;
}
