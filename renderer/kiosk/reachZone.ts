// The reachable-zone layout (低位操作): every action in the lower half of the kiosk's screen,
// for a visitor in a wheelchair. The kiosk starts in the hall's setting for it (config
// `kioskLayout`, HallInfoDTO.settings.reachableZone); a visitor may switch it on the start
// screen, and the kiosk returns to the hall's setting after the idle timeout. Applied as the
// `reach-zone` class on <html> (kiosk-layout.css does the rest), like 大字.
// Danger: the list screens choose their page size when they mount; the switch lives on the
// start screen only, so no list is on screen when it changes.
import { useEffect, useSyncExternalStore } from 'react';
import { useIdle } from './useIdle';

const listeners = new Set<() => void>();
let hallDefault = false;
let visitorChoice: boolean | null = null;

function apply(): void {
  if (typeof document !== 'undefined') document.documentElement.classList.toggle('reach-zone', isReachZone());
  listeners.forEach((l) => l());
}

export function isReachZone(): boolean {
  return visitorChoice ?? hallDefault;
}

/** The visitor's switch (null: back to the hall's setting). */
export function setReachZone(on: boolean | null): void {
  visitorChoice = on === null || on === hallDefault ? null : on;
  apply();
}

function setHallDefault(on: boolean): void {
  if (on === hallDefault) return;
  hallDefault = on;
  apply();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useReachZone(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, isReachZone, isReachZone);
  return [on, setReachZone];
}

/** For the kiosk's root: follows the hall's setting and forgets a visitor's choice after `idleSeconds`. */
export function useReachZoneSetting(hallSetting: boolean | undefined, idleSeconds: number): void {
  useEffect(() => setHallDefault(hallSetting ?? false), [hallSetting]);
  const chosen = useSyncExternalStore(subscribe, () => visitorChoice !== null, () => false);
  useIdle(idleSeconds, chosen, () => setReachZone(null));
}
