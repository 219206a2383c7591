// The pipeline worker's workflow bundle: everything exported here is registered on the pipeline task queue.
export { pipelineCycle } from './cycle.ts';
export { metricCycle } from './metric-cycle.ts';
