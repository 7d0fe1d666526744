import { emptyHistogram, histogramDelta, histogramQuantile, histogramSum } from './stage-stats';

describe('histogramQuantile', () => {
  const le = [0.1, 0.5, 1];

  it('interpolates inside the bucket that holds the rank, like PromQL', () => {
    // 10 observations: 4 ≤ 0.1, 4 in (0.1, 0.5], 2 in (0.5, 1]
    const h = { le, counts: [4, 8, 10], count: 10, sum: 3 };
    expect(histogramQuantile(0.2, h)).toBeCloseTo(0.05);
    expect(histogramQuantile(0.5, h)).toBeCloseTo(0.2);
    expect(histogramQuantile(0.9, h)).toBeCloseTo(0.75);
  });

  it('reports the last bound for ranks above it, and null without observations', () => {
    expect(histogramQuantile(0.99, { le, counts: [0, 0, 1], count: 5, sum: 20 })).toBe(1);
    expect(histogramQuantile(0.5, emptyHistogram(le))).toBeNull();
  });

  it('subtracts and adds bucket by bucket', () => {
    const a = { le, counts: [1, 2, 3], count: 4, sum: 2 };
    const b = { le, counts: [3, 5, 9], count: 10, sum: 5 };
    expect(histogramDelta(b, a)).toEqual({ le, counts: [2, 3, 6], count: 6, sum: 3 });
    expect(histogramSum(a, b)).toEqual({ le, counts: [4, 7, 12], count: 14, sum: 7 });
  });
});
