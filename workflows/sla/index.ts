// The SLA worker's workflow bundle: everything exported here is registered on the SLA task queue.
export { violationCheck } from './violation-check.ts';
