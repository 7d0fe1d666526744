import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { AppConfig, CONFIG_VARIABLES } from '@lib/config';

const ROOT = join(__dirname, '..', '..');
const LAUNCHER = 'dist/tools/bundle/launch-app.js';

interface Service {
  command?: string[];
  healthcheck?: { test?: string[]; disable?: boolean; start_period?: string };
  environment?: Record<string, string>;
  /** Long form (Compose v2 prints every mapping so) or, from the standalone CLI for a host address, short: `[address:]published:target[/protocol]`. */
  ports?: Array<{ target: number; published: number | string; host_ip?: string } | string>;
}

/** `published:target` of a port mapping in either form. */
function mapping(port: NonNullable<Service['ports']>[number]): string {
  return typeof port === 'string' ? port.replace(/\/\w+$/, '').split(':').slice(-2).join(':') : `${port.published}:${port.target}`;
}

/** The Compose CLI this machine has: the v2 plugin (`docker compose`) or the standalone `docker-compose` that scripts/bootstrap.sh installs. */
function composeCommand(): string[] {
  return spawnSync('docker', ['compose', 'version']).status === 0 ? ['docker', 'compose'] : ['docker-compose'];
}

/** The file as Compose resolves it (anchors merged, defaults of `${VAR:-…}` filled in); throws with the CLI's message when it is invalid. */
function resolvedServices(): Record<string, Service> {
  const [command, ...args] = composeCommand();
  const env = { ...process.env };
  for (const variable of CONFIG_VARIABLES) delete env[variable]; // the file's own defaults, not this shell's
  return (load(execFileSync(command, [...args, 'config'], { cwd: ROOT, env, encoding: 'utf8', stdio: 'pipe' })) as { services: Record<string, Service> }).services;
}

describe('docker-compose.yml', () => {
  let services: Record<string, Service>;
  let appServices: Array<[string, Service]>;

  it('is a valid Compose file (the Compose CLI reads it as `docker compose up` would)', () => {
    services = resolvedServices();
    appServices = Object.entries(services).filter(([, s]) => s.command?.[1] === LAUNCHER);
    expect(Object.keys(services)).toContain('gateway');
  });

  it('runs every app of apps/ from the launcher, under its own name', () => {
    expect(appServices.map(([name, s]) => `${name}: ${s.command!.join(' ')}`).sort()).toEqual(
      readdirSync(join(ROOT, 'apps')).sort().map((app) => `${app}: node ${LAUNCHER} ${app}`),
    );
  });

  it('sets only variables the apps read (a misspelt one would be ignored without a word)', () => {
    for (const [name, service] of appServices) {
      expect(Object.keys(service.environment ?? {})).toContain('MONGO_URL');
      const unknown = Object.keys(service.environment ?? {}).filter((variable) => !CONFIG_VARIABLES.includes(variable));
      expect(`${name}: ${unknown.join(', ') || 'none unknown'}`).toBe(`${name}: none unknown`);
    }
  });

  it("publishes the servers' ports on the host's loopback only: MongoDB, Redis and NATS run without authentication", () => {
    // Before: 0.0.0.0:27017, 6379, 4222 and 8222, open to the host's network.
    const published = Object.entries(services)
      .filter(([, service]) => service.command?.[1] !== LAUNCHER && service.ports?.length)
      .flatMap(([name, service]) => service.ports!.map((port) => `${name} ${typeof port === 'string' ? port : `${port.host_ip ?? '0.0.0.0'}:${port.published}:${port.target}`}`));
    expect(published.length).toBeGreaterThanOrEqual(3);
    expect(published.filter((port) => !/^\w+ 127\.0\.0\.1:/.test(port))).toEqual([]);
  });

  it("checks every app's health on its own /health/ready: the command succeeds on a 200 only", async () => {
    // Before: no healthcheck, so `docker compose ps` showed an app waiting for its NATS (or one that had stopped serving) as plainly "Up".
    const readiness = { status: 200 };
    const asked: string[] = [];
    const app = createServer((req, res) => {
      asked.push(req.url ?? '');
      res.writeHead(req.url === '/health/ready' ? readiness.status : 404).end();
    });
    await new Promise<void>((listening) => app.listen(0, '127.0.0.1', listening));
    const port = String((app.address() as AddressInfo).port);
    try {
      for (const [name, service] of appServices) {
        // PORT set for each app: the check reads it, and an app's default port lives in its main.ts.
        expect(`${name}: ${service.environment?.PORT ?? 'no PORT'}`).toMatch(new RegExp(`^${name}: \\d+$`));
        const [kind, command, ...args] = service.healthcheck?.test ?? ['none'];
        expect(`${name}: ${kind} ${command}`).toBe(`${name}: CMD node`);
        const exitCode = () => new Promise<number>((done) => execFile(command, args, { env: { ...process.env, PORT: port } }, (error) => done(error ? Number(error.code) : 0)));
        readiness.status = 200;
        expect(`${name} ready: ${await exitCode()}`).toBe(`${name} ready: 0`);
        readiness.status = 503;
        expect(`${name} not ready: ${await exitCode()}`).toBe(`${name} not ready: 1`);
      }
      expect(new Set(asked)).toEqual(new Set(['/health/ready']));
    } finally {
      await new Promise((closed) => app.close(closed));
    }
  });

  it('checks no health of the one-shot init-api-key (it exits once the key is written)', () => {
    // `disable: true`, which the standalone CLI prints as the test NONE.
    const check = services['init-api-key'].healthcheck;
    expect(check?.disable === true || check?.test?.[0] === 'NONE').toBe(true);
  });

  it("publishes the gateway's API port and the ActivityWatch watcher port, where aw-client looks on the host", () => {
    const gateway = services.gateway;
    const defaults = new AppConfig();
    const expected = [gateway.environment?.PORT ?? defaults.PORT, gateway.environment?.AW_PORT ?? defaults.AW_PORT].map(String);
    expect((gateway.ports ?? []).map(mapping)).toEqual(expect.arrayContaining(expected.map((port) => `${port}:${port}`)));
  });
});

describe('Dockerfile', () => {
  /** What the build stage (up to the second FROM) copies into the image: the paths before each COPY's destination. */
  function copiedIntoBuildStage(): string[] {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const buildStage = dockerfile.split(/^FROM /m)[1];
    return buildStage
      .split('\n')
      .filter((line) => /^COPY (?!--from)/.test(line))
      .flatMap((line) => line.trim().split(/\s+/).slice(1, -1));
  }

  it('copies every folder `npm run build` compiles (tsconfig.build.json include), so `docker compose up --build` builds', () => {
    const { include } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
    const copied = copiedIntoBuildStage();
    expect(include.filter((folder) => !copied.includes(folder))).toEqual([]);
  });
});
