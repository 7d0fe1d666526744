import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';

/** util-linux's setpriv (every Debian): sets the parent-death signal, then runs the command in its own place (same pid). */
const SETPRIV = process.platform === 'linux' ? ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path)) : undefined;

/**
 * Spawns `command` so that the kernel sends it `signal` when this process dies, even by SIGKILL: a
 * killed `npm start` left its nats-server running on .data, and the next start ran a second one
 * on the same JetStream store (which loses acknowledged messages). A plain spawn without setpriv.
 */
export function spawnTied(command: string, args: string[], options: SpawnOptions, signal: NodeJS.Signals): ChildProcess {
  return SETPRIV ? spawn(SETPRIV, ['--pdeathsig', signal, '--', command, ...args], options) : spawn(command, args, options);
}
