// The SLA worker's workflow bundle: everything exported here is registered on the SLA task queue.
export { sloMinutes } from './slo-minutes.ts';
export { violationCheck } from './violation-check.ts';
