import { InFlightLimit } from './in-flight-limit';

describe('InFlightLimit', () => {
  it('gives a holder at most its share and all holders at most the overall number, and frees a slot once on release', () => {
    const limit = new InFlightLimit(2, 3);
    const a1 = limit.acquire('a');
    const a2 = limit.acquire('a');
    expect(limit.acquire('a')).toBe('holder');
    const b1 = limit.acquire('b');
    expect(limit.acquire('c')).toBe('overall');
    if (typeof a1 !== 'function' || typeof a2 !== 'function' || typeof b1 !== 'function') throw new Error('slots expected');
    a1();
    a1();
    expect(limit.heldBy('a')).toBe(1);
    expect(typeof limit.acquire('c')).toBe('function');
    expect(limit.acquire('a')).toBe('overall');
  });
});
