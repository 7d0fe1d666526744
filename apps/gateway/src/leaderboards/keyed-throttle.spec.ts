import { KeyedThrottle } from './keyed-throttle';

describe('KeyedThrottle', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('fires at once, then at most once per interval with one trailing fire for a burst', async () => {
    const fired: string[] = [];
    const throttle = new KeyedThrottle(250, (key) => void fired.push(`${key}@${Date.now() - 1_000_000}`));
    throttle.trigger('a');
    for (let i = 0; i < 10; i++) {
      await jest.advanceTimersByTimeAsync(20);
      throttle.trigger('a');
    }
    expect(fired).toEqual(['a@0']);
    await jest.advanceTimersByTimeAsync(50);
    expect(fired).toEqual(['a@0', 'a@250']);
    await jest.advanceTimersByTimeAsync(1000);
    throttle.trigger('a');
    expect(fired).toEqual(['a@0', 'a@250', 'a@1250']);
  });

  it('keeps keys apart', async () => {
    const fired: string[] = [];
    const throttle = new KeyedThrottle(250, (key) => void fired.push(key));
    throttle.trigger('a');
    throttle.trigger('b');
    throttle.trigger('a');
    expect(fired).toEqual(['a', 'b']);
    await jest.advanceTimersByTimeAsync(250);
    expect(fired).toEqual(['a', 'b', 'a']);
  });

  it('drops the pending fire of a forgotten key and of a stopped throttle', async () => {
    const fired: string[] = [];
    const throttle = new KeyedThrottle(250, (key) => void fired.push(key));
    throttle.trigger('a');
    throttle.trigger('a');
    throttle.trigger('b');
    throttle.trigger('b');
    throttle.forget('a');
    throttle.stop();
    await jest.advanceTimersByTimeAsync(1000);
    expect(fired).toEqual(['a', 'b']);
  });

  it('never runs two fires of a key at once: a trigger during one fires once after it, the interval kept', async () => {
    const started: string[] = [];
    const finish: Array<() => void> = [];
    const throttle = new KeyedThrottle(250, (key) => {
      started.push(`${key}@${Date.now() - 1_000_000}`);
      return new Promise<void>((resolve) => finish.push(resolve));
    });
    throttle.trigger('a');
    await jest.advanceTimersByTimeAsync(300);
    throttle.trigger('a');
    throttle.trigger('a');
    await jest.advanceTimersByTimeAsync(1000);
    // Before, the second fire started at 300 while the first still read: a slow first read then
    // pushed its older page after the second's, and the view kept the older one.
    expect(started).toEqual(['a@0']);
    finish[0]();
    await jest.advanceTimersByTimeAsync(0);
    expect(started).toEqual(['a@0', 'a@1300']);
    finish[1]();
    await jest.advanceTimersByTimeAsync(1000);
    expect(started).toEqual(['a@0', 'a@1300']);
  });

  it('fires again after a fire that failed, waiting longer after each failure, until one succeeds', async () => {
    const started: number[] = [];
    let failures = 3;
    const throttle = new KeyedThrottle(250, () => {
      started.push(Date.now() - 1_000_000);
      return failures-- > 0 ? Promise.reject(new Error('no answer')) : Promise.resolve();
    });
    throttle.trigger('a');
    await jest.advanceTimersByTimeAsync(10_000);
    // Before, a failed read was the end of it: the view kept the page from before the change.
    expect(started).toEqual([0, 500, 1500, 3500]);
    throttle.trigger('a');
    expect(started).toEqual([0, 500, 1500, 3500, 10_000]);
    throttle.stop();
  });

  it('keeps no key whose interval has passed: one fired once is not remembered for good', async () => {
    const throttle = new KeyedThrottle(250, () => undefined);
    // A gateway's live views fire one key per board and period watched: a new day's board each day,
    // any date a client asks for. Before, each key's last fire was kept for the life of the process.
    for (let i = 0; i < 2000; i++) {
      throttle.trigger(`day-${i}`);
      await jest.advanceTimersByTimeAsync(300);
    }
    expect(throttle.size).toBeLessThanOrEqual(2);
    // A burst of keys too, once its interval has passed.
    for (let i = 0; i < 10_000; i++) throttle.trigger(`board-${i}`);
    await jest.advanceTimersByTimeAsync(1000);
    for (let i = 0; i < 10; i++) throttle.trigger(`later-${i}`);
    expect(throttle.size).toBe(10);
    // The interval still holds for the keys fired within it.
    const fired: string[] = [];
    const counting = new KeyedThrottle(250, (key) => void fired.push(key));
    for (let i = 0; i < 1000; i++) counting.trigger(`k${i % 100}`);
    expect(fired).toHaveLength(100);
    await jest.advanceTimersByTimeAsync(250);
    expect(fired).toHaveLength(200);
    await jest.advanceTimersByTimeAsync(1000);
    expect(fired).toHaveLength(200);
    expect(counting.size).toBeLessThanOrEqual(100);
  });
});
