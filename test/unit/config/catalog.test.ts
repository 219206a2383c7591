import { describe, expect, it } from 'vitest';
import { durationSeconds, loadCatalog, parseCatalog } from '../../../config/catalog.ts';
import { ConfigError } from '../../../config/env.ts';

const minimal = { version: 1, metrics: [{ name: 'node_filefd_allocated' }] };

describe('metric catalog', () => {
  it('the shipped catalog holds the original five metrics with the original analysis settings', () => {
    const c = loadCatalog('config/metrics.catalog.json');
    expect(c.metrics.map((m) => m.name)).toEqual([
      'node_memory_MemFree_bytes',
      'node_memory_MemAvailable_bytes',
      'node_filesystem_free_bytes',
      'node_filesystem_avail_bytes',
      'node_filefd_allocated',
    ]);
    expect(c.lookbackSeconds / c.stepSeconds).toBe(1440);
    expect(c.metrics[0]!.params.holt_winters).toMatchObject({
      trend: 'mul',
      seasonal: 'add',
      seasonal_periods: 550,
    });
    // The forecast ranks its candidates hourly (every 12 five-minute cycles), seasonal ones at the period detected
    // per series: at the original's 550 a ranking costs ~7× more, which 10,000 series per cycle cannot afford.
    expect(c.metrics[0]!.params.forecast).toEqual({ model: 'auto', period: 'auto', rank_every: 12 });
  });

  it('takes a forecast period per metric: a number, none, or "auto" (detected per series)', () => {
    const c = parseCatalog({
      version: 1,
      params: { forecast: { period: 550 } },
      metrics: [{ name: 'x', params: { forecast: { period: 'auto' } } }, { name: 'y' }],
    });
    expect(c.metrics.map((m) => m.params.forecast?.period)).toEqual(['auto', 550]);
  });

  it('deep-merges per-metric params over the defaults', () => {
    const c = parseCatalog({
      version: 1,
      params: { decompose: { period: 60 }, hp: { lambda: 1600 } },
      metrics: [{ name: 'x', params: { decompose: { model: 'multiplicative' } } }],
    });
    expect(c.metrics[0]!.params).toEqual({
      decompose: { period: 60, model: 'multiplicative' },
      hp: { lambda: 1600 },
    });
  });

  it.each([
    [{ ...minimal, version: 2 }, /version/],
    [{ version: 1, metrics: [] }, /metrics/],
    [{ version: 1, metrics: [{ name: 'bad name{' }] }, /metrics\.0\.name/],
    [{ version: 1, metrics: [{ name: 'x', matchers: [{ label: 'a-b', value: 'v' }] }] }, /label/],
    [{ version: 1, metrics: [{ name: 'x' }, { name: 'x' }] }, /duplicate metric x/],
    [
      { version: 1, metrics: [{ name: 'x', matchers: [{ label: 'job', op: '=~', value: '(?=host)host' }] }] },
      /metrics\.0\.matchers\.0\.value: not an RE2 regex/,
    ],
    [
      { version: 1, metrics: [{ name: 'x', params: { hp: { lambda: -1 } } }] },
      /metrics\.0\.params\.hp\.lambda/,
    ],
    [{ ...minimal, lookback: '30d', step: '60s' }, /11,000/],
    [{ ...minimal, surprise: true }, /surprise|Unrecognized/],
    [
      { version: 1, metrics: [{ name: 'x', params: { forecast: { period: 'weekly' } } }] },
      /metrics\.0\.params\.forecast\.period/,
    ],
  ])('rejects an invalid catalog with a message naming the problem (%#)', (doc, message) => {
    expect(() => parseCatalog(doc)).toThrow(ConfigError);
    expect(() => parseCatalog(doc)).toThrow(message);
  });

  it('parses durations', () => {
    expect(durationSeconds('90s')).toBe(90);
    expect(durationSeconds('24h')).toBe(86_400);
    expect(() => durationSeconds('1w')).toThrow(ConfigError);
  });
});
