import { join } from 'node:path';
import { runChaos } from '../../tools/chaos/chaos-run';

/**
 * The short chaos run of `npm test` (the full one is `npm run chaos`): 30 s of load while app
 * instances, nats-server, redis-server and FerretDB are SIGKILLed and restarted. It runs the compiled apps
 * (scripts/test.sh builds first) on its own servers, since it kills them.
 */
describe('chaos (short)', () => {
  it('loses nothing, counts nothing twice and leaves zero drift while processes are killed', async () => {
    const lines: string[] = [];
    const report = await runChaos({
      root: join(__dirname, '..', '..'),
      seconds: 30,
      kills: 5,
      rate: 300,
      poison: 2,
      seed: 20261122,
      log: (line) => lines.push(line),
    });
    if (!report.ok) process.stderr.write(`${lines.join('\n')}\n${JSON.stringify(report, null, 2)}\n`);
    expect(report.killed).toHaveLength(5);
    expect(report.accepted).toBeGreaterThan(5000);
    expect(report.failures).toEqual([]);
    expect(report.stored).toBe(report.accepted);
    expect(report.verifyExitCode).toBe(0);
    expect(report.deadLetters).toBe(2);
  }, 8 * 60_000);
});
