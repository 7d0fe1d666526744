import { seededRandom } from '../../bench/support/activity-generator';
import { spreadMoments } from './disruption-schedule';

describe('spreadMoments', () => {
  it('puts one moment in each equal slot of the span, in order', () => {
    const moments = spreadMoments(3, 1000, 7000, seededRandom(7));
    expect(moments).toHaveLength(3);
    moments.forEach((at, i) => {
      expect(at).toBeGreaterThanOrEqual(1000 + i * 2000);
      expect(at).toBeLessThan(1000 + (i + 1) * 2000);
    });
  });

  it('puts them all at the start when the span is empty, and none for a count of 0', () => {
    expect(spreadMoments(2, 5000, 3000, () => 0.5)).toEqual([5000, 5000]);
    expect(spreadMoments(0, 0, 1000, Math.random)).toEqual([]);
  });
});
