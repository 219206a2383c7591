import { describe, expect, it } from 'vitest';
import { movedStates } from '../../../../analytics/holt-winters/fitted-states.ts';
import { holtWinters } from '../../../../analytics/holt-winters/index.ts';
import { demoHistory } from '../../../../demo/node-history.ts';

const OPTIONS = { trend: 'mul', seasonal: 'add', seasonalPeriods: 550, steps: 10 } as const;
const history = demoHistory({
  end: 1_764_000_000,
  hours: 24,
  stepSeconds: 60,
  job: 'demo',
  instance: 'a',
  seed: 3,
});
const values = (metric: string) => history.find((s) => s.metric === metric)!.samples.map(([, v]) => v);

describe('movedStates', () => {
  it("is null where the fit kept the heuristic states (bytes), the fit's states where it moved them (fd counts)", () => {
    const bytes = holtWinters(values('node_memory_MemFree_bytes'), OPTIONS);
    expect(bytes.params.initial_seasons).toEqual(bytes.init!.seasonal);
    expect(movedStates(bytes.init, bytes.params)).toBeNull();
    const fds = holtWinters(values('node_filefd_allocated'), OPTIONS);
    expect(movedStates(fds.init, fds.params)).toEqual({
      level: fds.params.initial_level,
      trend: fds.params.initial_trend,
      seasonal: fds.params.initial_seasons,
    });
  });

  it('is null without heuristic states or without a seasonal model', () => {
    const params = { initial_level: 1, initial_trend: null, initial_seasons: [1, 2] };
    expect(movedStates(null, params)).toBeNull();
    expect(movedStates(undefined, params)).toBeNull();
    expect(movedStates({ level: 1, seasonal: [] }, { ...params, initial_seasons: [] })).toBeNull();
    expect(movedStates({ level: 1, seasonal: [1, 2] }, params)).toBeNull();
    expect(movedStates({ level: 1, seasonal: [1, 3] }, params)).toEqual({
      level: 1,
      trend: null,
      seasonal: [1, 2],
    });
    expect(movedStates({ level: 2, seasonal: [1, 2] }, params)).not.toBeNull();
  });
});
