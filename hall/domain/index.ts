// The queue engine's public face. Everything here is pure except evolve(),
// which mutates the state it is given (see evolve.ts for the contract).
export * from './types.js';
export * from './clock.js';
export * from './commands.js';
export * from './events.js';
export * from './device-events.js';
export * from './service-record-events.js';
export * from './service-desk-events.js';
export * from './bad-rating-case-events.js';
export * from './errors.js';
export * from './state.js';
export { decide, formatTicketNumber } from './decide.js';
export { evolve, type Changes } from './evolve.js';
export { cloneState } from './clone.js';
export { chooseNext, previewCalls, servedQueues, policyOf, type CallChoice } from './calling.js';
export * from './policy.js';
export { assertAdmissible, admissionProblem, type AdmissionKind } from './admission.js';
export { nextDeadline } from './deadlines.js';
export { assertWithinIdentityLimit, greenCategoryFor, isElderly, type IdentityRules } from './identity-rules.js';
export * from './estimate.js';
export { WaitingLine, type LineEntry } from './waiting-line.js';
