/**
 * A number that glides to each new value instead of jumping (ease-out, 800 ms). It writes the text straight into its
 * span (React renders the span empty and never touches its text), so a tween re-renders nothing in React. Without a
 * value it shows the dash; under reduced motion it just sets the value.
 *
 * The text is written only when the formatted text changes, and at most every TWEEN_STEP_MS (ten steps a second
 * read as a glide; sixty do not read better): each write costs the page a style, layout and paint pass, and a wall
 * with a dozen figures tweening every second had one every frame (software rendering on a small PC).
 */
import { useLayoutEffect, useRef } from 'react';
import { DASH } from '../../ui/format/number';
import { useLatest } from '../../ui/hooks/use-latest';

const TWEEN_STEP_MS = 100;

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
  const formatRef = useLatest(format);
  const target = value !== null && Number.isFinite(value) ? value : null;
  // Re-run when the text of the target changes too (a new language or unit with the same value).
  const targetText = target === null ? DASH : format(target);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const write = (text: string) => {
      if (el.textContent !== text) el.textContent = text;
    };
    const from = shown.current;
    if (target === null) {
      shown.current = null;
      write(DASH);
      return;
    }
    // Nothing to glide through when the shown text would not change (the usual second of a live figure).
    if (
      from === null ||
      reducedMotion ||
      from === target ||
      !el.isConnected ||
      formatRef.current(from) === targetText
    ) {
      shown.current = target;
      write(targetText);
      return;
    }
    const start = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const step = () => {
      const k = Math.min(1, (performance.now() - start) / durationMs);
      const eased = 1 - (1 - k) ** 3;
      const v = k >= 1 ? target : from + (target - from) * eased;
      shown.current = v;
      write(k >= 1 ? targetText : formatRef.current(v));
      if (k < 1) timer = setTimeout(step, TWEEN_STEP_MS);
    };
    timer = setTimeout(step, TWEEN_STEP_MS);
    return () => clearTimeout(timer);
  }, [target, targetText, reducedMotion, durationMs]);

  return <span ref={ref} className={className} data-testid={testId} data-value={target ?? ''} />;
}
