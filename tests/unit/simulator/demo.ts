// The demo hall's engine setup, for simulator tests. Policies come from the
// simulator's shipped library by id (not the catalog), so a hall configuration
// that reuses an id cannot change what a test compares.
import path from 'node:path';
import { loadHallConfig } from '../../../hall/config/load.js';
import { hallSetupFrom } from '../../../hall/config/setup.js';
import type { CallingPolicy, HallSetup } from '../../../hall/domain/index.js';
import { shippedPolicies } from '../../../hall/simulator/policies.js';

export const DEMO_CONFIG = path.resolve(import.meta.dirname, '../../../config/demo-hall.json');

export function demoSetup(): HallSetup {
  return hallSetupFrom(loadHallConfig(DEMO_CONFIG));
}

export function policy(setup: HallSetup, id: string): CallingPolicy {
  const p = shippedPolicies(setup).find((x) => x.id === id);
  if (!p) throw new Error(`no shipped policy ${id}`);
  return p;
}
