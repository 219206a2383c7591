import { describe, expect, it } from 'vitest';
import { anomalyFlag } from '../../../../analytics/forecast/anomaly.ts';

const band = { start: 1_000_020, step: 60, lower: [1, 2, 3], upper: [5, 6, 7] };

describe('anomalyFlag', () => {
  it('flags a sample outside its minute’s band and not one inside or on the edge', () => {
    expect(anomalyFlag(band, 1_000_080, 9)).toEqual({ anomalous: true, step: 2, lower: 2, upper: 6 });
    expect(anomalyFlag(band, 1_000_080, 1.5)?.anomalous).toBe(true);
    expect(anomalyFlag(band, 1_000_140, 3)?.anomalous).toBe(false);
    expect(anomalyFlag(band, 1_000_020, 5)?.anomalous).toBe(false);
  });

  it('is null where no forecast covers the sample', () => {
    expect(anomalyFlag(band, 1_000_000, 3)).toBeNull();
    expect(anomalyFlag(band, 1_000_200, 3)).toBeNull();
    expect(anomalyFlag(band, 1_000_050, 3)).toBeNull();
    expect(anomalyFlag(band, 1_000_080, Number.NaN)).toBeNull();
  });
});
