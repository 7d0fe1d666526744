import { join } from 'node:path';
import Redis from 'ioredis';
import { startPipeline } from '../support/pipeline';
import { runCli } from '../support/run-cli';
import { fakeRunningStack, withoutServers } from '../support/running-stack';
import { configEnv, testConfig, waitFor } from '../support/test-config';

const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'leaderboard', 'src', 'cli', 'leaderboard.cli.js');

/** `npm run leaderboard:*` and its servers: an unreachable one stops it at once, named; the stack npm start runs is found. */
describe('leaderboard CLI', () => {
  const config = testConfig();
  const env = { ...process.env, ...configEnv(config) };

  it('fails within seconds with one line naming the server it cannot reach, before writing anything', async () => {
    const cases: Array<[string[], Record<string, string>, string]> = [
      [['verify'], { MONGO_URL: 'mongodb://127.0.0.1:1' }, 'cannot reach MongoDB at MONGO_URL=mongodb://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1'],
      [['verify'], { REDIS_URL: 'redis://127.0.0.1:1' }, 'cannot reach Redis at REDIS_URL=redis://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1'],
      // The writers take the maintenance lease over NATS first; an app would wait for NATS for ever.
      [['archive'], { NATS_URL: 'nats://127.0.0.1:1' }, 'cannot reach NATS at NATS_URL=nats://127.0.0.1:1: CONNECTION_REFUSED'],
    ];
    for (const [args, servers, message] of cases) {
      const run = await runCli(CLI, args, { env: { ...env, ...servers } });
      expect([args, servers, run.status, run.stderr, run.stdout]).toEqual([args, servers, 2, `leaderboard:${args[0]} failed: ${message}\n`, '']);
      // the command's own 5 s limit, not the app's wait (10 s per try, 9 tries): starting node takes seconds on a loaded machine
      expect(run.ms).toBeLessThan(20_000);
    }
  });

  it("refuses to verify, rebuild or archive in another TIME_ZONE than the leaderboard app's, naming both", async () => {
    const kolkata = testConfig({ TIME_ZONE: 'Asia/Kolkata' });
    const pipeline = await startPipeline(kolkata, ['leaderboard']);
    const redis = new Redis(kolkata.REDIS_URL);
    try {
      const zoneKey = `${kolkata.REDIS_PREFIX}lbzone`;
      await waitFor(async () => (await redis.get(zoneKey)) === 'Asia/Kolkata', 'the app to record its time zone');
      const kolkataEnv = { ...process.env, ...configEnv(kolkata) };
      // Before, verify reported drift on every board that crosses a UTC midnight, and rebuild "repaired" it.
      for (const command of ['verify', 'rebuild', 'archive']) {
        const run = await runCli(CLI, [command], { env: { ...kolkataEnv, TIME_ZONE: 'Etc/UTC' } });
        expect([command, run.status, run.stdout, run.stderr]).toEqual([
          command,
          2,
          '',
          `leaderboard:${command} failed: the boards are kept in TIME_ZONE=Asia/Kolkata (recorded by the leaderboard app in Redis, ${zoneKey}), this command runs in Etc/UTC: run it with TIME_ZONE=Asia/Kolkata. ` +
            'To move the boards to Etc/UTC, start the leaderboard app with that TIME_ZONE, stop it, then run a rebuild without --from/--to\n',
        ]);
      }
      expect((await runCli(CLI, ['verify'], { env: kolkataEnv })).stdout).toBe('verified 0 boards: no drift\n');
      expect((await runCli(CLI, ['verify'], { env: { ...kolkataEnv, TIME_ZONE: 'Asia/Calcutta' } })).status).toBe(0);
    } finally {
      redis.disconnect();
      await pipeline.close();
    }
  });

  it("beside the stack npm start runs, verifies with the settings the stack's apps run with (TIME_ZONE, prefixes, database)", async () => {
    const kolkata = testConfig({ TIME_ZONE: 'Asia/Kolkata' });
    const pipeline = await startPipeline(kolkata, ['leaderboard']);
    const redis = new Redis(kolkata.REDIS_URL);
    const settings = { MONGO_DB: kolkata.MONGO_DB, PIPELINE_PREFIX: kolkata.PIPELINE_PREFIX, REDIS_PREFIX: kolkata.REDIS_PREFIX, TIME_ZONE: 'Asia/Kolkata' };
    const stack = fakeRunningStack({ MONGO_URL: kolkata.MONGO_URL, REDIS_URL: kolkata.REDIS_URL, NATS_URL: kolkata.NATS_URL }, undefined, settings);
    try {
      await waitFor(async () => (await redis.get(`${kolkata.REDIS_PREFIX}lbzone`)) === 'Asia/Kolkata', 'the app to record its time zone');
      const bare = withoutServers(process.env);
      for (const name of Object.keys(settings)) delete bare[name];
      // Before: stack.json recorded the servers alone, and verify ran with REDIS_PREFIX=ap:, where no app records a zone or keeps boards.
      const run = await runCli(CLI, ['verify'], { env: bare, cwd: stack.cwd });
      expect([run.status, run.stdout, run.stderr]).toEqual([
        0,
        'verified 0 boards: no drift\n',
        `using the stack started by npm start (pid ${process.pid}): MongoDB ${kolkata.MONGO_URL}, Redis ${kolkata.REDIS_URL}; its MONGO_DB=${kolkata.MONGO_DB}, REDIS_PREFIX=${kolkata.REDIS_PREFIX}, TIME_ZONE=Asia/Kolkata\n`,
      ]);
      // A setting given wins, and is checked against the boards it now finds.
      expect((await runCli(CLI, ['verify'], { env: { ...bare, TIME_ZONE: 'Etc/UTC' }, cwd: stack.cwd })).status).toBe(2);
    } finally {
      stack.remove();
      redis.disconnect();
      await pipeline.close();
    }
  });

  it('rebuilds beside a running leaderboard app saying what that risks, and without one says nothing', async () => {
    const own = testConfig();
    const ownEnv = { ...process.env, ...configEnv(own) };
    const quiet = await runCli(CLI, ['rebuild'], { env: ownEnv });
    expect([quiet.status, quiet.stderr]).toEqual([0, '']);
    const pipeline = await startPipeline(own, ['leaderboard']);
    try {
      // Before, the rebuild went on without a word beside the app that npm start runs (docs/leaderboards.md: "could be lost or doubled").
      const beside = await runCli(CLI, ['rebuild'], { env: ownEnv });
      expect([beside.status, beside.stdout]).toEqual([0, 'rebuilt 0 boards (0 entries)\n']);
      expect(beside.stderr).toMatch(
        /^warning: a leaderboard app is running \(consumer [\w-]+-leaderboard-live(, [\w-]+-leaderboard-bulk)?\): events it counts during the rebuild, in the periods rebuilt, can be lost or counted twice on their boards; stop it first, or run npm run leaderboard:verify afterwards\n$/,
      );
    } finally {
      await pipeline.close();
    }
  });

  it('finds the servers of the stack npm start runs when the environment names none, and says so', async () => {
    const stack = fakeRunningStack({ MONGO_URL: config.MONGO_URL, REDIS_URL: config.REDIS_URL, NATS_URL: config.NATS_URL });
    try {
      const run = await runCli(CLI, ['verify'], { env: withoutServers(env), cwd: stack.cwd });
      expect([run.status, run.stdout, run.stderr]).toEqual([
        0,
        'verified 0 boards: no drift\n',
        `using the stack started by npm start (pid ${process.pid}): MongoDB ${config.MONGO_URL}, Redis ${config.REDIS_URL}\n`,
      ]);
    } finally {
      stack.remove();
    }
  });
});
