// Entry point of an analysis pool thread. A worker thread starts without the parent's TypeScript loader, so it
// registers tsx itself before importing the task (the same loader bin/vigil.mjs uses; no build step).
import { register } from 'tsx/esm/api';

register();
const { runAnalysisTask } = await import('./analysis-task.ts');

export default runAnalysisTask;
