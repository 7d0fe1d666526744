import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStackUse, readRunningStack, RunningStack, withRunningStack } from './stack-env';

describe('the running stack file (.data/stack.json)', () => {
  const stackEnv = { NATS_URL: 'nats://127.0.0.1:4223', MONGO_URL: 'mongodb://127.0.0.1:27018', REDIS_URL: 'redis://127.0.0.1:6380', GATEWAY_URL: 'http://127.0.0.1:3010' };
  let dataDir: string;
  const writeStack = (stack: unknown) => writeFileSync(join(dataDir, 'stack.json'), typeof stack === 'string' ? stack : JSON.stringify(stack));
  const running = (pid = process.pid): RunningStack => ({ pid, startedAt: '2026-11-24T10:00:00.000Z', env: stackEnv });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'stack-env-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reads the stack whose process is alive, and ignores the file a stopped one left behind', () => {
    expect(readRunningStack(dataDir)).toBeUndefined();
    writeStack(running());
    expect(readRunningStack(dataDir)).toEqual(running());
    const exited = spawnSync(process.execPath, ['-e', '']).pid;
    writeStack(running(exited));
    expect(readRunningStack(dataDir)).toBeUndefined();
  });

  it('names the file when it is not a stack', () => {
    writeStack('{"pid":');
    expect(() => readRunningStack(dataDir)).toThrow(`${join(dataDir, 'stack.json')} is not JSON`);
    writeStack({ pid: 'x', env: {} });
    expect(() => readRunningStack(dataDir)).toThrow('does not name a stack ({ pid, startedAt, env }): remove it, or set NATS_URL, MONGO_URL, REDIS_URL, GATEWAY_URL');
  });

  it('fills only the variables the environment leaves unset (an empty one counts as unset) and says which', () => {
    writeStack(running());
    const completed = withRunningStack({ MONGO_URL: 'mongodb://elsewhere:27017', REDIS_URL: '', MONGO_DB: 'x' }, dataDir);
    expect(completed.env).toEqual({ ...stackEnv, MONGO_URL: 'mongodb://elsewhere:27017', MONGO_DB: 'x' });
    expect(completed.stack).toEqual({ pid: process.pid, filled: ['NATS_URL', 'REDIS_URL', 'GATEWAY_URL'] });
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
});
