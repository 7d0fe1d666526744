import { KeyedMutex } from './keyed-mutex';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('KeyedMutex', () => {
  it('runs work of one key one at a time, in arrival order, and other keys alongside', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const work = (key: string, name: string) =>
      mutex.runExclusive(key, async () => {
        log.push(`${name} in`);
        await tick();
        log.push(`${name} out`);
        return name;
      });
    const results = await Promise.all([work('a', 'a1'), work('a', 'a2'), work('b', 'b1'), work('a', 'a3')]);
    expect(results).toEqual(['a1', 'a2', 'b1', 'a3']);
    const a = log.filter((l) => l.startsWith('a'));
    expect(a).toEqual(['a1 in', 'a1 out', 'a2 in', 'a2 out', 'a3 in', 'a3 out']);
    // b did not wait for a.
    expect(log.indexOf('b1 in')).toBeLessThan(log.indexOf('a1 out'));
  });

  it('releases the key when the work fails, and forgets idle keys', async () => {
    const mutex = new KeyedMutex();
    const failing = mutex.runExclusive('k', async () => {
      throw new Error('boom');
    });
    const next = mutex.runExclusive('k', async () => 'after');
    expect(mutex.size).toBe(1);
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('after');
    expect(mutex.size).toBe(0);
    for (let i = 0; i < 1000; i++) await mutex.runExclusive(`user-${i}`, async () => i);
    expect(mutex.size).toBe(0);
  });
});
