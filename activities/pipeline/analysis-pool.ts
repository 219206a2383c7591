import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { AnalysisTask, AnalysisTaskResult } from './analysis-task.ts';

/**
 * The analysis threads of this process: analysis is CPU-bound and JavaScript runs one thread per event loop, so a
 * pool of worker threads (one per core by default) analyzes series in parallel while the activity's own thread
 * fetches the next group and publishes the last one. Created on first use, shared by every running activity.
 */
let pool: Piscina | undefined;

export function analysisPool(threads = availableParallelism()): Piscina {
  pool ??= new Piscina({
    filename: new URL('./analysis-thread.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    // A series costs milliseconds to a second; idle threads stay warm between cycles (JIT, native kernel loaded).
    idleTimeout: 10 * 60_000,
  });
  return pool;
}

export function analyzeInPool(task: AnalysisTask, threads?: number): Promise<AnalysisTaskResult> {
  return analysisPool(threads).run(task);
}

export async function closeAnalysisPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.destroy();
}
