import { KeyedThrottle } from './keyed-throttle';

describe('KeyedThrottle', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('fires at once, then at most once per interval with one trailing fire for a burst', () => {
    const fired: string[] = [];
    const throttle = new KeyedThrottle(250, (key) => fired.push(`${key}@${Date.now() - 1_000_000}`));
    throttle.trigger('a');
    for (let i = 0; i < 10; i++) {
      jest.advanceTimersByTime(20);
      throttle.trigger('a');
    }
    expect(fired).toEqual(['a@0']);
    jest.advanceTimersByTime(50);
    expect(fired).toEqual(['a@0', 'a@250']);
    jest.advanceTimersByTime(1000);
    throttle.trigger('a');
    expect(fired).toEqual(['a@0', 'a@250', 'a@1250']);
  });

  it('keeps keys apart', () => {
    const fired: string[] = [];
    const throttle = new KeyedThrottle(250, (key) => fired.push(key));
    throttle.trigger('a');
    throttle.trigger('b');
    throttle.trigger('a');
    expect(fired).toEqual(['a', 'b']);
    jest.advanceTimersByTime(250);
    expect(fired).toEqual(['a', 'b', 'a']);
  });

  it('drops the pending fire of a forgotten key and of a stopped throttle', () => {
    const fired: string[] = [];
    const throttle = new KeyedThrottle(250, (key) => fired.push(key));
    throttle.trigger('a');
    throttle.trigger('a');
    throttle.trigger('b');
    throttle.trigger('b');
    throttle.forget('a');
    throttle.stop();
    jest.advanceTimersByTime(1000);
    expect(fired).toEqual(['a', 'b']);
  });
});
