import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningStack } from './running-stack';
import { describeStackUse, withRunningStack } from './stack-env';

describe('command-line tools completing their environment from the running stack', () => {
  const stackEnv = { NATS_URL: 'nats://127.0.0.1:4223', MONGO_URL: 'mongodb://127.0.0.1:27018', REDIS_URL: 'redis://127.0.0.1:6380', GATEWAY_URL: 'http://127.0.0.1:3010' };
  let dataDir: string;
  const writeStack = (stack: unknown) => writeFileSync(join(dataDir, 'stack.json'), typeof stack === 'string' ? stack : JSON.stringify(stack));
  const running = (pid = process.pid): RunningStack => ({ pid, startedAt: '2026-11-24T10:00:00.000Z', env: stackEnv });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'stack-env-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('fills only the variables the environment leaves unset (an empty one counts as unset) and says which', () => {
    writeStack(running());
    const completed = withRunningStack({ MONGO_URL: 'mongodb://elsewhere:27017', REDIS_URL: '', MONGO_DB: 'x' }, dataDir);
    expect(completed.env).toEqual({ ...stackEnv, MONGO_URL: 'mongodb://elsewhere:27017', MONGO_DB: 'x' });
    expect(completed.stack).toEqual({ pid: process.pid, filled: ['NATS_URL', 'REDIS_URL', 'GATEWAY_URL'], settings: [] });
  });

  it('leaves the environment as it is without a running stack, and does not read the file when every variable is set', () => {
    expect(withRunningStack({ LOG_LEVEL: 'info' }, dataDir)).toEqual({ env: { LOG_LEVEL: 'info' } });
    writeStack('not json');
    expect(withRunningStack(stackEnv, dataDir)).toEqual({ env: stackEnv });
  });

  it('describes the servers a tool uses that came from the stack, and nothing when none did', () => {
    writeStack(running());
    const completed = withRunningStack({ MONGO_URL: 'mongodb://elsewhere:27017' }, dataDir);
    expect(describeStackUse(completed, ['GATEWAY_URL'])).toBe(`using the stack started by npm start (pid ${process.pid}): gateway http://127.0.0.1:3010`);
    expect(describeStackUse(completed, ['MONGO_URL', 'REDIS_URL', 'NATS_URL'])).toBe(
      `using the stack started by npm start (pid ${process.pid}): Redis redis://127.0.0.1:6380, NATS nats://127.0.0.1:4223`,
    );
    expect(describeStackUse(completed, ['MONGO_URL'])).toBeUndefined();
    expect(describeStackUse({ env: {} }, ['MONGO_URL'])).toBeUndefined();
  });

  it("takes the settings the stack's apps run with (recorded when given to npm start) along with its servers, and says which", () => {
    // Before: only the servers were recorded; leaderboard:verify beside a stack started with TIME_ZONE=Asia/Kolkata was refused until
    // TIME_ZONE was given again, and with MONGO_DB or REDIS_PREFIX it verified other (empty) boards: "no drift".
    const settings = { MONGO_DB: 'mine', PIPELINE_PREFIX: 'my', REDIS_PREFIX: 'my:', TIME_ZONE: 'Asia/Kolkata' };
    writeStack({ ...running(), settings });
    const completed = withRunningStack({ REDIS_PREFIX: 'given:' }, dataDir);
    expect(completed.env).toEqual({ ...stackEnv, ...settings, REDIS_PREFIX: 'given:' });
    expect(describeStackUse(completed, ['MONGO_URL'])).toBe(`using the stack started by npm start (pid ${process.pid}): MongoDB mongodb://127.0.0.1:27018; its MONGO_DB=mine`);
    expect(describeStackUse(completed, ['NATS_URL', 'REDIS_URL'])).toBe(
      `using the stack started by npm start (pid ${process.pid}): NATS nats://127.0.0.1:4223, Redis redis://127.0.0.1:6380; its PIPELINE_PREFIX=my, TIME_ZONE=Asia/Kolkata`,
    );
    // Servers named in the environment are other servers: the stack's settings are not theirs.
    expect(withRunningStack({ ...stackEnv }, dataDir).env).toEqual(stackEnv);
  });

  it('masks the password of a server URL the stack was started with', () => {
    writeStack({ ...running(), env: { ...stackEnv, MONGO_URL: 'mongodb://app:s3cret@db.example:27017/?authSource=admin', REDIS_URL: 'redis://:r3dis@127.0.0.1:6380' } });
    expect(describeStackUse(withRunningStack({}, dataDir), ['MONGO_URL', 'REDIS_URL'])).toBe(
      `using the stack started by npm start (pid ${process.pid}): MongoDB mongodb://app:***@db.example:27017/?authSource=admin, Redis redis://:***@127.0.0.1:6380`,
    );
  });
});
