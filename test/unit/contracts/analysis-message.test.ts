import { describe, expect, it } from 'vitest';
import { prepareBatch } from '../../../activities/storage/batch.ts';
import {
  ANALYSIS_MESSAGE_SCHEMA,
  ANALYSIS_MESSAGE_SCHEMA_V1,
  ANALYSIS_MESSAGE_SCHEMA_V2,
  type AnalysisMessage,
  decodeAnalysisMessage,
  encodeAnalysisMessage,
} from '../../../contracts/analysis-message.ts';
import { decodeFloat64 } from '../../../contracts/float64.ts';
import { freshMessage } from '../../support/analysis-messages.ts';

const windowEnd = new Date('2026-11-26T12:00:00Z');
const message = (seed = 1) =>
  freshMessage({ cycleId: 'c', labels: { instance: `h${seed}` }, windowEnd, seed });
const as = (m: AnalysisMessage, schema: AnalysisMessage['schema']): AnalysisMessage => ({ ...m, schema });
const source = { topic: 't', partition: 0, consumerGroup: 'g', receivedAt: windowEnd };
const record = (offset: number, value: Buffer) => ({
  offset: String(offset),
  key: null,
  value,
  timestamp: String(windowEnd.getTime()),
});
/** A v2 record as JSON, to be broken on purpose. */
const v2Json = () => JSON.parse(encodeAnalysisMessage(as(message(), ANALYSIS_MESSAGE_SCHEMA_V2)).toString());

describe('vigil.analysis.v2', () => {
  it('is what the pipeline publishes', () => {
    expect(ANALYSIS_MESSAGE_SCHEMA).toBe(ANALYSIS_MESSAGE_SCHEMA_V2);
  });

  it('decodes to exactly the message v1 carries, every float64 bit for bit and nulls where v1 has them', () => {
    const m = message();
    const v1 = decodeAnalysisMessage(encodeAnalysisMessage(as(m, ANALYSIS_MESSAGE_SCHEMA_V1)));
    const v2 = decodeAnalysisMessage(encodeAnalysisMessage(as(m, ANALYSIS_MESSAGE_SCHEMA_V2)));
    if (!v1.ok || !v2.ok) throw new Error('both versions must decode');
    expect(v2.message.schema).toBe(ANALYSIS_MESSAGE_SCHEMA_V2);
    expect(as(v2.message, ANALYSIS_MESSAGE_SCHEMA_V1)).toStrictEqual(v1.message);
    // Object.is tells −0 from 0 and compares NaN; toStrictEqual above already compares every value with it.
    const dec = v2.message.report.decompose as { trend: (number | null)[] };
    expect(dec.trend[0]).toBeNull();
    expect(v2.message.forecast).toHaveLength(10);
    expect(v2.message.forecast).toStrictEqual(m.forecast);
  });

  it('carries the numeric arrays as base64 float64 and the forecast as its first instant, far smaller than v1', () => {
    const m = message();
    const wire = v2Json();
    expect(wire.report.hp.trend).toEqual({ f64: expect.any(String) });
    expect(decodeFloat64(Buffer.from(wire.report.hp.trend.f64, 'base64'))).toEqual(
      (m.report.hp as { trend: number[] }).trend,
    );
    expect(wire.forecast).toEqual({ start: m.forecast[0]!.t, values: { f64: expect.any(String) } });
    const v1Bytes = encodeAnalysisMessage(as(m, ANALYSIS_MESSAGE_SCHEMA_V1)).length;
    const v2Bytes = encodeAnalysisMessage(as(m, ANALYSIS_MESSAGE_SCHEMA_V2)).length;
    expect(v2Bytes).toBeLessThan(0.7 * v1Bytes);
  });

  it('writes what JSON would for −0 and non-finite numbers, so both versions still agree', () => {
    const m = message();
    const hp = m.report.hp as { cycle: number[] };
    hp.cycle[0] = -0;
    (m.report.acf as (number | null)[])[1] = Number.NaN;
    const v1 = decodeAnalysisMessage(encodeAnalysisMessage(as(m, ANALYSIS_MESSAGE_SCHEMA_V1)));
    const v2 = decodeAnalysisMessage(encodeAnalysisMessage(as(m, ANALYSIS_MESSAGE_SCHEMA_V2)));
    if (!v1.ok || !v2.ok) throw new Error('both versions must decode');
    expect(as(v2.message, ANALYSIS_MESSAGE_SCHEMA_V1)).toStrictEqual(v1.message);
    expect(Object.is((v2.message.report.hp as { cycle: number[] }).cycle[0], 0)).toBe(true);
  });

  it('decodes messages from before model choice (no report.forecast), in both versions', () => {
    const old = message();
    delete old.report.forecast;
    for (const schema of [ANALYSIS_MESSAGE_SCHEMA_V1, ANALYSIS_MESSAGE_SCHEMA_V2] as const) {
      const decoded = decodeAnalysisMessage(encodeAnalysisMessage(as(old, schema)));
      expect(decoded.ok && decoded.message.report.forecast).toBeUndefined();
      expect(decoded.ok).toBe(true);
    }
    // With it, its bands survive v2 packing bit for bit.
    const m = message();
    const decoded = decodeAnalysisMessage(encodeAnalysisMessage(m));
    expect(decoded.ok && decoded.message.report.forecast).toEqual(m.report.forecast);
  });

  it('keeps an empty forecast empty', () => {
    const m = message();
    m.forecast = [];
    const v2 = decodeAnalysisMessage(encodeAnalysisMessage(as(m, ANALYSIS_MESSAGE_SCHEMA_V2)));
    expect(v2).toMatchObject({ ok: true, message: { forecast: [] } });
  });

  it('stores the same rows from v1 and v2 of one analysis', () => {
    const m = message(3);
    const out = prepareBatch(
      [
        record(1, encodeAnalysisMessage(as(m, ANALYSIS_MESSAGE_SCHEMA_V1))),
        record(1, encodeAnalysisMessage(as(m, ANALYSIS_MESSAGE_SCHEMA_V2))),
      ],
      source,
    );
    expect(out.deadLetters).toEqual([]);
    expect(out.runs).toHaveLength(2);
    expect(out.runs[1]).toStrictEqual(out.runs[0]);
  });

  it('dead-letters a malformed v2 record as INVALID, naming the field', () => {
    const badBase64 = v2Json();
    badBase64.report.hp.trend = { f64: 'not base64!' };
    const ragged = v2Json();
    ragged.report.decompose.resid = { f64: Buffer.alloc(12).toString('base64') };
    const nullInFinite = v2Json();
    nullInFinite.report.hp.cycle = { f64: Buffer.alloc(8, 0xff).toString('base64') };
    const noStart = v2Json();
    delete noStart.forecast.start;
    const plainForecast = v2Json();
    plainForecast.forecast = [{ t: '2026-11-26T12:00:00Z', v: 1 }];
    const out = prepareBatch(
      [badBase64, ragged, nullInFinite, noStart, plainForecast].map((j, i) =>
        record(i, Buffer.from(JSON.stringify(j))),
      ),
      source,
    );
    expect(out.runs).toEqual([]);
    expect(out.deadLetters.map((d) => d.reason)).toEqual(Array(5).fill('INVALID'));
    const details = out.deadLetters.map((d) => d.detail);
    expect(details[0]).toContain('report.hp.trend');
    expect(details[1]).toContain('report.decompose.resid');
    expect(details[2]).toContain('report.hp');
    expect(details[3]).toContain('forecast');
    expect(details[4]).toContain('forecast');
  });
});
