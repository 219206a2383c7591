import { describe, expect, it } from 'vitest';
import { seriesKey } from '../../../contracts/series-key.ts';

describe('series key', () => {
  it('is the metric plus the sorted label set, without __name__', () => {
    expect(seriesKey('m', { mountpoint: '/', device: 'sda', __name__: 'm' })).toBe(
      'm{device="sda",mountpoint="/"}',
    );
  });
});
