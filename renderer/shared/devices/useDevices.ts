import { useEffect, useRef, useState } from 'react';
import type { DeviceDTO } from '../../../hall/api/dto';
import type { LiveConnection } from '../live/liveConnection';

export interface PushedDevices {
  devices: DeviceDTO[];
  /** The view's list when the push arrived: once the view reloads, the view is newer. */
  over: readonly DeviceDTO[] | undefined;
}

/** Latest wins: a `devices` push over the view it arrived on; a view loaded after it over the push. */
export function pickDevices(fromView: readonly DeviceDTO[] | undefined, pushed: PushedDevices | null): readonly DeviceDTO[] {
  if (pushed && pushed.over === fromView) return pushed.devices;
  return fromView ?? [];
}

/** The current device list of a page: its view's `devices`, kept live by `devices` messages. */
export function useDevices(live: LiveConnection | null, fromView: readonly DeviceDTO[] | undefined): readonly DeviceDTO[] {
  const viewRef = useRef(fromView);
  const [pushed, setPushed] = useState<PushedDevices | null>(null);
  useEffect(() => {
    viewRef.current = fromView;
  });
  useEffect(() => {
    if (!live) return undefined;
    return live.onSignal((s) => {
      if (s.type === 'devices') setPushed({ devices: s.devices, over: viewRef.current });
    });
  }, [live]);
  return pickDevices(fromView, pushed);
}
