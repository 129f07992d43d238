/**
 * The sound of a new critical alarm, owned by the page: a short two-tone beep through WebAudio (no file to ship), at
 * most one per BEEP_GAP_MS so a burst of alarms is one sound, each alarm beeped once, and nothing while muted (the
 * choice is remembered per browser). One AudioContext per page, closed when the page goes. Silently nothing where
 * audio is not allowed yet (before any user gesture).
 */
import { useEffect, useRef, useState } from 'react';
import type { Alarm } from '../../../core/domain/alarms/types';
import { MUTED_KEY, readLocal, writeLocal } from './dispatch-storage';

export const BEEP_GAP_MS = 10_000;

function playBeep(ctx: AudioContext): void {
  if (ctx.state === 'suspended') void ctx.resume();
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.connect(gain).connect(ctx.destination);
  gain.gain.value = 0.08;
  osc.frequency.setValueAtTime(880, ctx.currentTime);
  osc.frequency.setValueAtTime(660, ctx.currentTime + 0.18);
  osc.start();
  osc.stop(ctx.currentTime + 0.4);
}

export function useAlarmSound(attention: Alarm | null): { muted: boolean; toggleMuted: () => void } {
  const [muted, setMuted] = useState(() => readLocal(MUTED_KEY) === '1');
  useEffect(() => writeLocal(MUTED_KEY, muted ? '1' : '0'), [muted]);
  const audio = useRef<{ ctx: AudioContext | null; lastBeepMs: number; lastAlarmId: string | null }>({
    ctx: null,
    lastBeepMs: 0,
    lastAlarmId: null,
  });
  useEffect(() => {
    const a = audio.current;
    return () => {
      void a.ctx?.close().catch(() => undefined);
      a.ctx = null;
    };
  }, []);
  useEffect(() => {
    const a = audio.current;
    if (!attention || muted || a.lastAlarmId === attention.id) return;
    a.lastAlarmId = attention.id;
    const now = Date.now();
    if (now - a.lastBeepMs < BEEP_GAP_MS) return;
    a.lastBeepMs = now;
    try {
      const Ctx = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
      if (!Ctx) return;
      a.ctx ??= new Ctx();
      playBeep(a.ctx);
    } catch {
      /* no audio: the banner is the signal */
    }
  }, [attention, muted]);
  return { muted, toggleMuted: () => setMuted((m) => !m) };
}
