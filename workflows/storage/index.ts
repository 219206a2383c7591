/** The storage worker's workflow bundle (workers/storage.ts bundles this file). */
export { storageCleanupWorkflow } from './cleanup.ts';
export { storageDrainWorkflow } from './drain.ts';
