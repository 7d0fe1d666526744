import { orAfter } from './or-after';

describe('orAfter', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("answers with the work's outcome when it comes in time, success or failure", async () => {
    await expect(orAfter(Promise.resolve('done'), 100, () => 'fallback')).resolves.toBe('done');
    await expect(orAfter(Promise.reject(new Error('refused')), 100, () => 'fallback')).rejects.toThrow('refused');
  });

  it("answers with the fallback's outcome once the time has passed, and ignores the work's late failure", async () => {
    let fail: (error: Error) => void = () => undefined;
    const answer = orAfter(new Promise<string>((_, reject) => (fail = reject)), 100, () => 'fallback');
    await jest.advanceTimersByTimeAsync(100);
    await expect(answer).resolves.toBe('fallback');
    fail(new Error('too late'));
    const thrown = orAfter(new Promise<string>(() => undefined), 100, () => {
      throw new Error('no answer within 100 ms');
    });
    const outcome = expect(thrown).rejects.toThrow('no answer within 100 ms');
    await jest.advanceTimersByTimeAsync(100);
    await outcome;
  });
});
