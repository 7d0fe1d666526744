import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processStartTicks } from '../../libs/config/src/running-stack';
import { acquireStackLock, removeStaleLock, STACK_LOCK_FILE, stackLockHolder, StackLockedError } from './stack-lock';

/** Real processes: a live one stands for a running `npm start`, an exited one for a SIGKILLed start. */
function liveProcess(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

/** What a start writes in the lock: its pid and when it started. */
const lockOf = (pid: number) => `${pid} ${processStartTicks(pid)}\n`;

describe('stack lock', () => {
  let dataDir: string;
  let lockFile: string;
  let holder: ChildProcess | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ap-stack-lock-'));
    lockFile = join(dataDir, STACK_LOCK_FILE);
  });

  afterEach(() => {
    holder?.kill('SIGKILL');
    holder = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is taken with this process id and removed on release', () => {
    const lock = acquireStackLock(dataDir);
    expect(readFileSync(lockFile, 'utf8')).toMatch(/^\d+ \d+\n$/);
    expect(readFileSync(lockFile, 'utf8')).toBe(lockOf(process.pid));
    lock.release();
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it.each([
    ['its pid and start time', (pid: number) => lockOf(pid)],
    ['its pid alone (a lock written before start times were)', (pid: number) => `${pid}\n`],
  ])('is refused while the start holding it runs, named by %s, naming its pid, and left as it was', (_, lockText) => {
    holder = liveProcess();
    writeFileSync(lockFile, lockText(holder.pid!));
    let refusal: unknown;
    try {
      acquireStackLock(dataDir);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(StackLockedError);
    expect((refusal as Error).message).toBe(`another npm start (pid ${holder.pid}) is using ${dataDir}; stop it (Ctrl-C) first`);
    expect(readdirSync(dataDir)).toEqual([STACK_LOCK_FILE]);
    expect(readFileSync(lockFile, 'utf8')).toBe(lockText(holder.pid!));
  });

  it('is released only by its holder', () => {
    holder = liveProcess();
    const lock = acquireStackLock(dataDir);
    writeFileSync(lockFile, `${holder.pid}\n`); // taken over meanwhile (this process was taken for dead)
    lock.release();
    expect(readFileSync(lockFile, 'utf8')).toBe(`${holder.pid}\n`);
  });

  it.each([
    ['a SIGKILLed start (its pid is gone)', async () => `${await deadPid()}\n`],
    ['an earlier holder whose pid is now this process (reused after a reboot)', async () => `${process.pid}\n`],
    ['no pid at all', async () => 'garbage'],
    // Before: any live process with the pid (after a reboot, a daemon) blocked every start.
    ['an earlier holder whose pid another running process now has, started at another time', async () => {
      holder = liveProcess();
      return `${holder.pid} ${Number(processStartTicks(holder.pid!)) - 1000}\n`;
    }],
  ])('is taken over from %s', async (_, content) => {
    writeFileSync(lockFile, await content());
    const lock = acquireStackLock(dataDir);
    expect(readFileSync(lockFile, 'utf8')).toBe(lockOf(process.pid));
    expect(readdirSync(dataDir)).toEqual([STACK_LOCK_FILE]);
    lock.release();
  });

  it('is put back, not deleted, when another start took it after its stale holder was read', async () => {
    const stale = await deadPid();
    holder = liveProcess();
    writeFileSync(lockFile, lockOf(holder.pid!)); // the racing start's fresh lock, where `stale` was read
    removeStaleLock(lockFile, `${stale}\n`);
    expect(readFileSync(lockFile, 'utf8')).toBe(lockOf(holder.pid!));
    expect(readdirSync(dataDir)).toEqual([STACK_LOCK_FILE]);
  });

  it('names the start that holds it without taking or removing anything (npm start asks before it builds)', async () => {
    expect(stackLockHolder(dataDir)).toBeUndefined();
    holder = liveProcess();
    await new Promise((resolve) => holder!.once('spawn', resolve));
    writeFileSync(lockFile, lockOf(holder.pid!));
    expect(stackLockHolder(dataDir)).toBe(holder.pid);
    const stale = await deadPid();
    writeFileSync(lockFile, `${stale}\n`);
    expect(stackLockHolder(dataDir)).toBeUndefined();
    expect(readFileSync(lockFile, 'utf8')).toBe(`${stale}\n`);
    expect(readdirSync(dataDir)).toEqual([STACK_LOCK_FILE]);
  });
});
