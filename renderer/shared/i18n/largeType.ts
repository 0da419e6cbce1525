// Large-type mode (大字, 适老化): body ≥ 24 px, targets ≥ 60×60, fewer items per screen.
// Persisted in localStorage so a terminal set up for elderly visitors stays that way.
// Applied as the `large-type` class on <html>; the CSS scales from there.
import { useSyncExternalStore } from 'react';

const KEY = 'servicehall.largeType';
const listeners = new Set<() => void>();
let enabled = read();

function read(): boolean {
  try {
    return globalThis.localStorage?.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function applyLargeTypeClass(): void {
  if (typeof document !== 'undefined') document.documentElement.classList.toggle('large-type', enabled);
}

export function isLargeType(): boolean {
  return enabled;
}

export function setLargeType(on: boolean): void {
  if (on === enabled) return;
  enabled = on;
  try {
    globalThis.localStorage?.setItem(KEY, on ? '1' : '0');
  } catch {
    // not persisted; still applied on this page
  }
  applyLargeTypeClass();
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLargeType(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, isLargeType, isLargeType);
  return [on, setLargeType];
}
