import { RepeatedLineLimiter } from './repeated-line';

describe('RepeatedLineLimiter', () => {
  it('says a repeated line once per period, with how many it held back, and a different one at once', () => {
    const limiter = new RepeatedLineLimiter(1_000);
    expect(limiter.admit('401 refused', 0)).toBe(0);
    expect(limiter.admit('401 refused', 10)).toBeUndefined();
    expect(limiter.admit('401 refused', 999)).toBeUndefined();
    expect(limiter.admit('401 refused', 1_000)).toBe(2);
    expect(limiter.admit('500 boom', 1_001)).toBe(0);
    expect(limiter.admit('401 refused', 1_002)).toBe(0);
  });
});
