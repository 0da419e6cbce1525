import { useEffect, useRef } from 'react';

/**
 * Calls onIdle after `seconds` without a touch, click or key while `active`. The kiosk uses
 * it to go back to the start screen and clear anything personal a visitor left behind.
 */
export function useIdle(seconds: number, active: boolean, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  });
  useEffect(() => {
    if (!active || !(seconds > 0)) return undefined;
    let timer = setTimeout(() => onIdleRef.current(), seconds * 1000);
    const reset = () => {
      clearTimeout(timer);
      timer = setTimeout(() => onIdleRef.current(), seconds * 1000);
    };
    const events = ['pointerdown', 'keydown', 'touchstart', 'input'] as const;
    events.forEach((e) => window.addEventListener(e, reset, { passive: true, capture: true }));
    return () => {
      clearTimeout(timer);
      events.forEach((e) => window.removeEventListener(e, reset, { capture: true }));
    };
  }, [seconds, active]);
}
