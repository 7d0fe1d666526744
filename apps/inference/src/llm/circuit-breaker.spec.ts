import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  let now: number;
  const breaker = () => new CircuitBreaker({ failureThreshold: 3, openMs: 1000, now: () => now });

  beforeEach(() => (now = 0));

  it('opens after N consecutive failures, not after N failures with a success between', () => {
    const b = breaker();
    b.onFailure();
    b.onFailure();
    b.onSuccess();
    b.onFailure();
    b.onFailure();
    expect([b.current, b.tryAcquire()]).toEqual(['closed', true]);
    b.onFailure();
    expect([b.current, b.tryAcquire()]).toEqual(['open', false]);
  });

  it('lets exactly one trial call through after the open period; its success closes the circuit', () => {
    const b = breaker();
    for (let i = 0; i < 3; i++) b.onFailure();
    now = 999;
    expect(b.tryAcquire()).toBe(false);
    now = 1000;
    expect(b.tryAcquire()).toBe(true);
    expect(b.current).toBe('half-open');
    expect(b.tryAcquire()).toBe(false);
    b.onSuccess();
    expect([b.current, b.tryAcquire(), b.tryAcquire()]).toEqual(['closed', true, true]);
  });

  it('re-opens for a full period when the trial call fails', () => {
    const b = breaker();
    for (let i = 0; i < 3; i++) b.onFailure();
    now = 1500;
    expect(b.tryAcquire()).toBe(true);
    b.onFailure();
    expect(b.current).toBe('open');
    now = 2499;
    expect(b.tryAcquire()).toBe(false);
    now = 2500;
    expect(b.tryAcquire()).toBe(true);
  });
});
