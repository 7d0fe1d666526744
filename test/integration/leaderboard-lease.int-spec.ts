import { AppConfig } from '@lib/config';
import { NatsConnectionService } from '@lib/messaging';
import { LeaseLostError, LeaseService } from '../../apps/leaderboard/src/maintenance/lease.service';
import { testConfig, waitFor } from '../support/test-config';

/** Two instances (own NATS connections) contending for the same NATS KV lease. */
describe('singleton lease in NATS KV', () => {
  const TTL_MS = 1500;
  let config: AppConfig;
  let connections: NatsConnectionService[];
  let a: LeaseService;
  let b: LeaseService;

  beforeAll(async () => {
    config = testConfig();
    connections = [new NatsConnectionService(config), new NatsConnectionService(config)];
    await Promise.all(connections.map((c, i) => c.connect(`lease-test-${i}`)));
    [a, b] = connections.map((c) => new LeaseService(c, config, TTL_MS));
  });

  afterAll(async () => {
    await Promise.all((connections ?? []).map((c) => c.onApplicationShutdown()));
  });

  it('never lets two contenders hold it at once', async () => {
    const winners = { a: 0, b: 0 };
    for (let round = 0; round < 25; round++) {
      const [leaseA, leaseB] = await Promise.all([a.tryAcquire('contended'), b.tryAcquire('contended')]);
      expect([leaseA, leaseB].filter(Boolean)).toHaveLength(1);
      winners[leaseA ? 'a' : 'b']++;
      const holder = (leaseA ?? leaseB)!;
      expect(await Promise.all([a.tryAcquire('contended'), b.tryAcquire('contended')])).toEqual([undefined, undefined]);
      expect(await holder.renew()).toBe(true);
      expect(await b.tryAcquire('contended')).toBeUndefined();
      await holder.release();
    }
    expect(winners.a + winners.b).toBe(25);
  });

  it('passes to another holder once the holder stops renewing, and the old holder can neither renew nor release it', async () => {
    const first = (await a.tryAcquire('expiring'))!;
    expect(first).toBeDefined();
    const second = await waitFor(() => b.tryAcquire('expiring'), 'the unrenewed lease to expire', 20_000, 200);
    expect(await first.renew()).toBe(false);
    await first.release();
    expect(await a.tryAcquire('expiring')).toBeUndefined();
    expect(await second.renew()).toBe(true);
    await second.release();
    expect(await a.tryAcquire('expiring')).toBeDefined();
  });

  it('runs exclusive work on one contender at a time, renewing the lease while it runs', async () => {
    let running = 0;
    let most = 0;
    const work = async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, TTL_MS * 1.5)); // outlives the TTL: only renewals keep the lease
      running--;
      return 'done';
    };
    const runs = [a.runExclusive('job', work), b.runExclusive('job', work), a.runExclusive('job', work)];
    await new Promise((r) => setTimeout(r, TTL_MS * 1.2));
    expect(await b.tryAcquire('job')).toBeUndefined(); // past the TTL, yet still held
    const results = await Promise.all(runs);
    expect(most).toBe(1);
    expect(results.filter(Boolean)).toEqual([{ result: 'done' }]);
    expect(await b.runExclusive('job', async () => 'later')).toEqual({ result: 'later' });
  });

  it('tells its work the lease is lost once the holder went the lease time without a renewal (a frozen process), and the next holder takes it', async () => {
    const steps: string[] = [];
    const run = a.runExclusive('frozen', async (lease) => {
      lease.assertHeld();
      steps.push('before');
      // The process frozen (SIGSTOP, a VM paused): no renewal goes out, the server forgets the lease.
      const until = Date.now() + TTL_MS * 1.5;
      while (Date.now() < until);
      lease.assertHeld();
      steps.push('after');
    });
    await expect(run).rejects.toThrow(LeaseLostError);
    expect(steps).toEqual(['before']);
    const next = await waitFor(() => b.tryAcquire('frozen'), 'the next holder', 20_000, 200);
    await next.release();
  });

  it('tells its work the lease is lost once a renewal found it taken', async () => {
    const held = await a.runExclusive('taken', async (lease) => {
      // The holder's renewals did not reach NATS for the lease time; the key expired and another holder took it.
      await connections[1].js.views.kv(`${config.PIPELINE_PREFIX}-leaderboard-leases`).then((kv) => kv.purge('taken'));
      const other = await b.tryAcquire('taken');
      await waitFor(async () => {
        try {
          lease.assertHeld();
          return undefined;
        } catch (error) {
          return error;
        }
      }, 'a renewal to find the lease taken', 20_000, 100);
      await other!.release();
      return 'stopped';
    });
    expect(held).toEqual({ result: 'stopped' });
  });
});
