import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../drizzle/db.ts';
import type { MappedRun } from '../drizzle/mapping.ts';
import {
  acfValues,
  adfResults,
  aggregates,
  analysisErrors,
  analysisRuns,
  componentSeries,
  consumedOffsets,
  decompositions,
  forecastPoints,
  hpResults,
  series,
} from '../drizzle/schema.ts';

/**
 * The baseline the drain is measured against: the same rows, the same transaction per batch, but one INSERT
 * statement (and round trip) per row — how the original (docs/architecture.md) stored its results. Benchmark
 * only; the drain never writes like this.
 */
export async function storeRowByRow(
  tx: Executor,
  runs: readonly MappedRun[],
  offset: { consumerGroup: string; topic: string; partition: number; nextOffset: number; at: Date },
): Promise<number> {
  let rows = 0;
  for (const r of runs) {
    await tx
      .insert(series)
      .values(r.series)
      .onDuplicateKeyUpdate({
        set: { lastSeenAt: sql`greatest(${series.lastSeenAt}, values(${series.lastSeenAt}))` },
      });
    const [s] = await tx.select({ id: series.id }).from(series).where(eq(series.keyHash, r.series.keyHash));
    await tx.insert(analysisRuns).values({ ...r.run, seriesId: s!.id });
    const [run] = await tx
      .select({ id: analysisRuns.id })
      .from(analysisRuns)
      .where(eq(analysisRuns.messageHash, r.run.messageHash));
    const runId = run!.id;
    rows++;
    if (r.adf) rows += await one(tx.insert(adfResults).values({ ...r.adf, runId }));
    if (r.hp) rows += await one(tx.insert(hpResults).values({ ...r.hp, runId }));
    if (r.decomposition) rows += await one(tx.insert(decompositions).values({ ...r.decomposition, runId }));
    for (const c of r.components) {
      rows += await one(
        tx.insert(componentSeries).values({ ...c, runId, seriesId: s!.id, windowEnd: r.run.windowEnd }),
      );
    }
    for (const a of r.acf) rows += await one(tx.insert(acfValues).values({ ...a, runId }));
    for (const a of r.aggregates) rows += await one(tx.insert(aggregates).values({ ...a, runId }));
    for (const f of r.forecast) rows += await one(tx.insert(forecastPoints).values({ ...f, runId }));
    for (const e of r.errors) rows += await one(tx.insert(analysisErrors).values({ ...e, runId }));
  }
  await tx
    .insert(consumedOffsets)
    .values({
      consumerGroup: offset.consumerGroup,
      topic: offset.topic,
      kafkaPartition: offset.partition,
      nextOffset: offset.nextOffset,
      updatedAt: offset.at,
    })
    .onDuplicateKeyUpdate({ set: { nextOffset: sql`values(${consumedOffsets.nextOffset})` } });
  return rows;
}

async function one(insert: PromiseLike<unknown>): Promise<number> {
  await insert;
  return 1;
}
