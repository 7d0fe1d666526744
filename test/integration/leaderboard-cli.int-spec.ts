import { join } from 'node:path';
import { runCli } from '../support/run-cli';
import { fakeRunningStack, withoutServers } from '../support/running-stack';
import { configEnv, testConfig } from '../support/test-config';

const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'leaderboard', 'src', 'cli', 'leaderboard.cli.js');

/** `npm run leaderboard:*` finds the servers of the stack npm start runs. */
describe('leaderboard CLI', () => {
  const config = testConfig();
  const env = { ...process.env, ...configEnv(config) };

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
