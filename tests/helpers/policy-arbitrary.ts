// A random calling policy for property tests (fast-check): any class order, mode, ratio (inverted
// ones included: the engine must cope with what a hall may explicitly allow), cap and queue order.
import fc from 'fast-check';
import type { CallingPolicy, TicketClass } from '../../hall/domain/index.js';

export function policyArbitrary(options: { maxPriority: number; maxWalkIn: number; caps: (number | null)[]; weights: { A: number[]; B: number[] } }): fc.Arbitrary<CallingPolicy> {
  return fc.record({
    id: fc.constant('p'),
    name: fc.constant('random'),
    classOrder: fc.shuffledSubarray<TicketClass>(['green', 'appointment', 'walk_in'], { minLength: 3, maxLength: 3 }),
    mode: fc.constantFrom('strict' as const, 'ratio' as const),
    ratio: fc.record({ priority: fc.integer({ min: 1, max: options.maxPriority }), walkIn: fc.integer({ min: 1, max: options.maxWalkIn }) }),
    maxWaitMinutes: fc.constantFrom(...options.caps),
    queueOrder: fc.constantFrom('oldest_first' as const, 'listed' as const, 'weighted' as const),
    queueWeights: fc.record({ A: fc.constantFrom(...options.weights.A), B: fc.constantFrom(...options.weights.B) }),
  });
}
