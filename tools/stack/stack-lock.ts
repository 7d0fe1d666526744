import { linkSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
// The file, not the @lib/config index: that one loads Nest, which `npm start` does not need.
import { isProcessAlive, processStartTicks } from '../../libs/config/src/running-stack';

/**
 * One `npm start` per checkout: `<dataDir>/stack.lock` holds the pid of the start that owns the
 * data directory, and when it started (processStartTicks); two nats-servers on one JetStream store
 * lose acknowledged messages.
 *
 * Hand-written rather than proper-lockfile: that library tells a stale lock by its mtime, which a
 * timer in the holder must keep refreshing, so a stack on a laptop that slept past the stale period
 * has its lock declared compromised (by default: an exception in the running stack), a SIGKILLed
 * stack still blocks the next start for that period, and the lock names no pid to report. Here a
 * lock is stale exactly when its pid is not alive.
 */
export const STACK_LOCK_FILE = 'stack.lock';

export class StackLockedError extends Error {
  constructor(
    readonly holderPid: number,
    dataDir: string,
  ) {
    super(`another npm start (pid ${holderPid}) is using ${shortPath(dataDir)}; stop it (Ctrl-C) first`);
  }
}

/** `.data` from the checkout (where npm start runs), the full path from elsewhere. */
function shortPath(dir: string): string {
  const fromHere = relative(process.cwd(), dir);
  return fromHere === '' || fromHere.startsWith('..') ? dir : fromHere;
}

export interface StackLock {
  /** Removes the lock if it is still this process's. */
  release(): void;
}

/** Takes the lock, replacing one whose process is gone; throws StackLockedError while another start holds it. */
export function acquireStackLock(dataDir: string): StackLock {
  const file = join(dataDir, STACK_LOCK_FILE);
  const mine = `${file}.${process.pid}`;
  // Written whole, then linked in: link() fails when the lock exists, and a lock is never seen half-written.
  writeFileSync(mine, `${[process.pid, processStartTicks(process.pid)].filter((part) => part !== undefined).join(' ')}\n`);
  try {
    for (;;) {
      try {
        linkSync(mine, file);
        return { release: () => (readHolder(file)?.pid === process.pid ? rmSync(file, { force: true }) : undefined) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readHolder(file);
      if (holder === undefined) continue; // released in between
      // Our own pid in the lock is a previous holder's, reused since (after a reboot).
      if (holder.pid !== process.pid && isProcessAlive(holder.pid, holder.startTicks)) throw new StackLockedError(holder.pid, dataDir);
      removeStaleLock(file, holder.text);
    }
  } finally {
    unlinkSync(mine);
  }
}

/** The pid of the start holding the lock now, without taking it; undefined when none does (no lock, or its process is gone). */
export function stackLockHolder(dataDir: string): number | undefined {
  const holder = readHolder(join(dataDir, STACK_LOCK_FILE));
  return holder !== undefined && holder.pid !== process.pid && isProcessAlive(holder.pid, holder.startTicks) ? holder.pid : undefined;
}

interface LockHolder {
  /** NaN or 0, so stale, when the lock holds none. */
  pid: number;
  startTicks?: string;
  /** The lock as read, to tell it from a lock written since. */
  text: string;
}

/** Who holds a lock file (`pid [startTicks]`); undefined when there is no file. */
function readHolder(file: string): LockHolder | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    const [pid, startTicks] = text.trim().split(' ');
    return { pid: Number(pid), startTicks, text };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Moved aside before it is deleted: of two starts removing the same stale lock, the slower one may
 * move the lock the faster one just took instead, and puts that back. (A third start linking its
 * own lock in that instant makes the put-back fail with EEXIST: not covered.)
 */
export function removeStaleLock(file: string, staleLock: string): void {
  const aside = `${file}.stale.${process.pid}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if (readHolder(aside)?.text !== staleLock) linkSync(aside, file);
  } finally {
    unlinkSync(aside);
  }
}
