import { SingleFlight } from './single-flight';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('SingleFlight', () => {
  it('shares one execution among concurrent callers of a key, and runs again once it settled', async () => {
    const flight = new SingleFlight<string, number>();
    const gate = deferred<number>();
    let calls = 0;
    const task = () => {
      calls++;
      return gate.promise;
    };
    const first = flight.run('q', undefined, task);
    const second = flight.run('q', undefined, task);
    const other = flight.run('other', undefined, async () => 7);
    gate.resolve(42);
    expect(await Promise.all([first, second, other])).toEqual([42, 42, 7]);
    expect([calls, flight.size]).toEqual([1, 0]);
    await flight.run('q', undefined, async () => ++calls);
    expect(calls).toBe(2);
  });

  it('hands the terms of a caller that joins a key in flight to join, with the shared ones', async () => {
    const flight = new SingleFlight<string, number, { deadline: number }>();
    const gate = deferred<number>();
    const shared = { deadline: 1 };
    const first = flight.run('q', shared, () => gate.promise);
    const second = flight.run('q', { deadline: 5 }, () => Promise.resolve(0), (terms, joining) => (terms.deadline = Math.max(terms.deadline, joining.deadline)));
    expect(shared.deadline).toBe(5);
    gate.resolve(42);
    expect(await Promise.all([first, second])).toEqual([42, 42]);
  });

  it('forgets a failed execution so that the next caller retries', async () => {
    const flight = new SingleFlight<string, number>();
    await expect(flight.run('q', undefined, async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await flight.run('q', undefined, async () => 1)).toBe(1);
  });
});
