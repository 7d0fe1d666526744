import { ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { spawnTied } from './tied-spawn';

/** A server process this project started, with its URL and a way to stop it. */
export interface LocalServer {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServerOptions {
  dataDir: string;
  port?: number;
  /** Redis only: append-only file, fsync on every write (dev stack, benchmark, chaos). */
  appendOnly?: boolean;
  /** NATS only: false starts it without JetStream, as an operator may by mistake (tests). */
  jetStream?: boolean;
  /** NATS only: the user and password every client must give (tests). */
  credentials?: { user: string; password: string };
}

/** Where scripts/bootstrap.sh builds FerretDB; FERRETDB_BIN overrides it. */
export function ferretdbBinary(): string {
  return process.env.FERRETDB_BIN ?? join(homedir(), '.cache', 'activity-pipeline', 'bin', 'ferretdb');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function waitForPort(port: number, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`process exited with code ${child.exitCode} before listening on ${port}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => { socket.destroy(); resolve(false); });
      socket.connect(port, '127.0.0.1');
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function launch(name: string, command: string, args: string[], port: number, url: string, dataDir: string): Promise<LocalServer> {
  // Named here: started through setpriv (tied-spawn.ts), a missing binary is only an exit code 127.
  const candidates = command.includes('/') ? [command] : (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, command));
  if (!candidates.some((file) => existsSync(file))) {
    throw new Error(`${name}: binary not found at ${command.includes('/') ? command : `${command} on PATH`}; run scripts/bootstrap.sh`);
  }
  mkdirSync(dataDir, { recursive: true });
  // The server writes its log file itself (an inherited descriptor), not through a pipe this
  // process must keep draining.
  const log = openSync(join(dataDir, `${name}.log`), 'a');
  // SIGKILL when this process dies: at once, so a next start cannot meet it on the same data
  // directory (every server here survives a SIGKILL; chaos proves it).
  const child = spawnTied(command, args, { stdio: ['ignore', log, log], cwd: dataDir }, 'SIGKILL');
  closeSync(log);
  const spawnError = new Promise<never>((_, reject) => child.once('error', (e) => reject(new Error(`${name}: ${e.message}`))));
  await Promise.race([waitForPort(port, 30_000, child), spawnError]);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    url,
    port,
    process: child,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

export async function startNats(options: ServerOptions): Promise<LocalServer> {
  const port = options.port ?? (await freePort());
  const storeDir = join(options.dataDir, 'jetstream');
  const jetStream = options.jetStream === false ? [] : ['-js', '-sd', storeDir];
  const credentials = options.credentials ? ['--user', options.credentials.user, '--pass', options.credentials.password] : [];
  return launch('nats-server', 'nats-server', [...jetStream, ...credentials, '-a', '127.0.0.1', '-p', String(port)], port, `nats://127.0.0.1:${port}`, options.dataDir);
}

export async function startRedis(options: ServerOptions): Promise<LocalServer> {
  const port = options.port ?? (await freePort());
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', options.dataDir, '--save', '', '--appendonly', options.appendOnly ? 'yes' : 'no'];
  // Every write durable before its reply: a Redis crash must not lose increments whose envelope
  // Mongo already records as applied (the exactly-once protocol relies on it).
  if (options.appendOnly) args.push('--appendfsync', 'always');
  return launch('redis-server', 'redis-server', args, port, `redis://127.0.0.1:${port}`, options.dataDir);
}

export async function startFerretDb(options: ServerOptions): Promise<LocalServer> {
  const port = options.port ?? (await freePort());
  const sqliteDir = join(options.dataDir, 'sqlite');
  mkdirSync(sqliteDir, { recursive: true });
  const args = [
    '--handler=sqlite',
    `--sqlite-url=file:${sqliteDir}/`,
    `--listen-addr=127.0.0.1:${port}`,
    `--state-dir=${options.dataDir}`,
    '--debug-addr=-',
    '--telemetry=disable',
    '--log-level=warn',
  ];
  return launch('ferretdb', ferretdbBinary(), args, port, `mongodb://127.0.0.1:${port}`, options.dataDir);
}
