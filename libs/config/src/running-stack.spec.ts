import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProcessAlive, processStartTicks, readRunningStack, removeRunningStack, RUNNING_STACK_FILE, RunningStack, writeRunningStack } from './running-stack';

const stackOf = (pid: number): RunningStack => ({
  pid,
  startedAt: '2026-11-25T10:00:00.000Z',
  env: { NATS_URL: 'nats://127.0.0.1:4222', MONGO_URL: 'mongodb://127.0.0.1:27017', REDIS_URL: 'redis://127.0.0.1:6379', GATEWAY_URL: 'http://127.0.0.1:3000' },
});

describe('running stack (.data/stack.json)', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'ap-running-stack-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reads what the running start wrote, and nothing once it is removed', () => {
    writeRunningStack(dataDir, stackOf(process.pid));
    expect(readdirSync(dataDir)).toEqual([RUNNING_STACK_FILE]);
    expect(readRunningStack(dataDir)).toEqual(stackOf(process.pid));
    removeRunningStack(dataDir);
    expect(readRunningStack(dataDir)).toBeUndefined();
  });

  it('is undefined when the start that wrote it is gone (SIGKILLed)', async () => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    writeRunningStack(dataDir, stackOf(child.pid!));
    expect(readRunningStack(dataDir)).toBeUndefined();
  });

  it('is undefined when another process now has its pid, started at another time (after a reboot)', () => {
    const startTicks = processStartTicks(process.pid)!;
    writeRunningStack(dataDir, { ...stackOf(process.pid), startTicks });
    expect(readRunningStack(dataDir)).toEqual({ ...stackOf(process.pid), startTicks });
    writeRunningStack(dataDir, { ...stackOf(process.pid), startTicks: String(Number(startTicks) - 1000) });
    expect(readRunningStack(dataDir)).toBeUndefined();
  });

  it('rejects a file that describes no stack, naming it and what to do', () => {
    writeFileSync(join(dataDir, RUNNING_STACK_FILE), JSON.stringify({ pid: process.pid, env: {} }));
    expect(() => readRunningStack(dataDir)).toThrow(`${join(dataDir, RUNNING_STACK_FILE)} does not describe a running stack`);
    expect(() => readRunningStack(dataDir)).toThrow('remove it, or set NATS_URL, MONGO_URL, REDIS_URL, GATEWAY_URL');
    writeFileSync(join(dataDir, RUNNING_STACK_FILE), '{"pid":');
    expect(() => readRunningStack(dataDir)).toThrow(`${join(dataDir, RUNNING_STACK_FILE)} is not JSON`);
  });

  it('takes no pid for a process group', () => {
    expect(isProcessAlive(0)).toBe(false);
    expect(isProcessAlive(-1)).toBe(false);
    expect(isProcessAlive(process.pid)).toBe(true);
  });
});
