// Every workflow bundle's exports in one, for tests that run workflows without their activities.
export * from '../../workflows/pipeline/index.ts';
export * from '../../workflows/sla/index.ts';
export * from '../../workflows/storage/index.ts';
