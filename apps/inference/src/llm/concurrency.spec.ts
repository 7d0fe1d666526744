import { Semaphore, SingleFlight } from './concurrency';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('Semaphore', () => {
  it('runs at most `limit` tasks at once, the rest in arrival order, and frees slots on failure', async () => {
    const semaphore = new Semaphore(2);
    const gates = [deferred<void>(), deferred<void>(), deferred<void>(), deferred<void>()];
    const started: number[] = [];
    let peak = 0;
    const runs = gates.map((gate, i) =>
      semaphore.run(async () => {
        started.push(i);
        peak = Math.max(peak, semaphore.inUse);
        await gate.promise;
        return i;
      }),
    );
    await flush();
    expect(started).toEqual([0, 1]);
    gates[1].reject(new Error('boom'));
    await expect(runs[1]).rejects.toThrow('boom');
    await flush();
    expect(started).toEqual([0, 1, 2]);
    gates[0].resolve();
    gates[2].resolve();
    await flush();
    expect(started).toEqual([0, 1, 2, 3]);
    gates[3].resolve();
    expect(await Promise.all([runs[0], runs[2], runs[3]])).toEqual([0, 2, 3]);
    expect([peak, semaphore.inUse]).toEqual([2, 0]);
  });
});

describe('SingleFlight', () => {
  it('shares one execution among concurrent callers of a key, and runs again once it settled', async () => {
    const flight = new SingleFlight<string, number>();
    const gate = deferred<number>();
    let calls = 0;
    const task = () => {
      calls++;
      return gate.promise;
    };
    const first = flight.run('q', task);
    const second = flight.run('q', task);
    const other = flight.run('other', async () => 7);
    gate.resolve(42);
    expect(await Promise.all([first, second, other])).toEqual([42, 42, 7]);
    expect([calls, flight.size]).toEqual([1, 0]);
    await flight.run('q', async () => ++calls);
    expect(calls).toBe(2);
  });

  it('forgets a failed execution so that the next caller retries', async () => {
    const flight = new SingleFlight<string, number>();
    await expect(flight.run('q', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await flight.run('q', async () => 1)).toBe(1);
  });
});
