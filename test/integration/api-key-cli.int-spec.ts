import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http } from '../support/http';
import { RunningPipeline, startPipeline } from '../support/pipeline';
import { runCli } from '../support/run-cli';
import { fakeRunningStack, withoutServers } from '../support/running-stack';
import { configEnv, testConfig, waitFor } from '../support/test-config';

const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'gateway', 'src', 'cli', 'api-key.cli.js');

/** `api-key` (the first admin key's only road): the same checks as POST /v1/api-keys, made before it connects. */
describe('api-key CLI', () => {
  const config = testConfig();
  const env = { ...process.env, ...configEnv(config) };
  let gateway: RunningPipeline;

  beforeAll(async () => {
    gateway = await startPipeline(config, ['gateway']);
  });

  afterAll(async () => {
    await gateway?.close();
  });

  const cli = (args: string[], overrides: Record<string, string> = {}, options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) =>
    runCli(CLI, args, { env: { ...(options.env ?? env), ...overrides }, cwd: options.cwd });

  it('refuses bad input naming the option and the reason, without connecting to Mongo', async () => {
    // Nothing listens on port 1: a connection attempt would retry until the timeout.
    const unreachable = { MONGO_URL: 'mongodb://127.0.0.1:1' };
    const cases: Array<[string[], string]> = [
      [['create', '--name', 'x', '--scopes', 'nope'], '--scopes: scopes may only contain ingest, read, admin (got "nope")'],
      [['create', '--name', '', '--scopes', 'read'], '--name: name must be 1 to 100 characters (got "")'],
      // As POST /v1/api-keys refuses a body without a name (the CLI named such keys "cli").
      [['create', '--scopes', 'read'], '--name: name is required: a text of 1 to 100 characters'],
      [['create', '--name', 'x', '--scopes', 'read', '--user', 'a b'], '--user: userId must be 1-128 letters, digits or ._:@+=/- (got "a b")'],
      [['create', '--name', 'x', '--scopes', 'read', '--file', 'f'], '--file: not an option of create'],
      [['list', '--bogus'], "Unknown option '--bogus'"],
      [['ensure-dev'], '--file is required'],
      // Before: after connecting, a bare "EISDIR: illegal operation on a directory, read", exit 1.
      [['ensure-dev', '--file', __dirname], `--file: cannot write ${__dirname}: it is a directory`],
      [['revoke'], "revoke needs the key's id"],
      [['list', 'extra'], 'unexpected argument "extra"'],
      [['lst'], 'unknown command "lst"'],
    ];
    // Usage mistakes exit 2, as every command of the project (README, "Other commands"). Before: the API's field alone ("scopes may only…"), not the option nor what it was given.
    for (const [args, message] of cases) {
      const run = await cli(args, unreachable);
      expect([args, run.status, run.stderr.split('\n')[0]]).toEqual([args, 2, expect.stringContaining(message)]);
    }
    const help = await cli(['--help'], unreachable);
    expect([help.status, help.stdout.split('\n').slice(0, 2), help.stderr]).toEqual([0, ['usage:', '  npm run apikey -- create --name NAME --scopes ingest,read,admin [--user USER_ID]'], '']);
  });

  it('ensure-dev writes an admin key to a file only its owner reads, and keeps it while the key is valid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ap-dev-key-'));
    try {
      const file = join(dir, 'keys', 'dev-api-key');
      expect(await cli(['ensure-dev', '--file', file])).toMatchObject({ status: 0, stderr: '' });
      const key = readFileSync(file, 'utf8').trim();
      expect([key, statSync(file).mode & 0o777]).toEqual([expect.stringMatching(/^ap_/), 0o600]);
      expect((await http('GET', `${gateway.url}/v1/ops/pipeline`, { key })).status).toBe(200);
      expect(await cli(['ensure-dev', '--file', file])).toMatchObject({ status: 0 });
      expect(readFileSync(file, 'utf8').trim()).toBe(key);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('creates a key bound to a user with each scope once, revokes it (at once on a running gateway), and exits 1 when there is nothing to revoke', async () => {
    const run = await cli(['create', '--name', 'laptop', '--scopes', 'read,ingest,read', '--user', 'alice']);
    expect(run.status).toBe(0);
    const created = JSON.parse(run.stdout) as { id: string; key: string };
    expect(created).toMatchObject({ key: expect.stringMatching(/^ap_/), scopes: ['read', 'ingest'], userId: 'alice' });
    // A running gateway has the key cached (a read route it answers alone): the CLI's revocation reaches it at once, over NATS.
    expect((await http('GET', `${gateway.url}/v1/ops/pipeline`, { key: created.key })).status).toBe(200);
    expect(await cli(['revoke', created.id])).toMatchObject({ status: 0, stdout: `revoked ${created.id}\n`, stderr: '' });
    await waitFor(async () => (await http('GET', `${gateway.url}/v1/ops/pipeline`, { key: created.key })).status === 401, 'the revocation at the gateway', 1_000, 20);
    expect(await cli(['revoke', created.id])).toMatchObject({ status: 1, stderr: `apikey failed: no active API key with id ${created.id}\n` });
  });

  it('lists the keys as GET /v1/api-keys answers them', async () => {
    const admin = JSON.parse((await cli(['create', '--name', 'ops', '--scopes', 'admin'])).stdout) as { key: string };
    await cli(['create', '--name', 'tracker', '--scopes', 'ingest', '--user', 'bob']);
    const listed = await cli(['list']);
    expect(listed).toMatchObject({ status: 0, stderr: '' });
    const rest = await http('GET', `${gateway.url}/v1/api-keys`, { key: admin.key });
    expect(rest.status).toBe(200);
    expect(JSON.parse(listed.stdout)).toEqual(rest.body);
    expect(rest.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: expect.any(String), name: 'tracker', userId: 'bob' })]));
  });

  it('refuses to revoke the last active admin key through the API (409), which would lock the operator out; the CLI may, saying how to get one back', async () => {
    const ops = JSON.parse((await cli(['create', '--name', 'last ops', '--scopes', 'admin'])).stdout) as { id: string; key: string };
    const revokeOverRest = (id: string) => http('DELETE', `${gateway.url}/v1/api-keys/${id}`, { key: ops.key });
    const { items } = (await http('GET', `${gateway.url}/v1/api-keys`, { key: ops.key })).body as { items: Array<{ id: string; scopes: string[]; revokedAt?: string }> };
    for (const other of items.filter((k) => k.scopes.includes('admin') && !k.revokedAt && k.id !== ops.id)) expect((await revokeOverRest(other.id)).status).toBe(204);

    const message = `${ops.id} is the last active admin key: revoking it would leave no key that can manage keys. Create another admin key first, or revoke it with the api-key CLI (npm run apikey -- revoke ${ops.id}), which can also create a new one (npm run apikey -- create --name ops --scopes admin)`;
    expect((await revokeOverRest(ops.id)).body).toEqual({ statusCode: 409, error: 'Conflict', message, field: 'id' });
    const overGraphql = await http('POST', `${gateway.url}/graphql`, { key: ops.key, body: { query: `mutation { revokeApiKey(id: "${ops.id}") }` } });
    expect(overGraphql.body.errors[0]).toMatchObject({ message, extensions: { code: 'CONFLICT', status: 409, field: 'id' } });
    expect((await http('GET', `${gateway.url}/v1/ops/pipeline`, { key: ops.key })).status).toBe(200);

    // With another admin key, it goes.
    const next = JSON.parse((await cli(['create', '--name', 'next ops', '--scopes', 'admin'])).stdout) as { id: string; key: string };
    expect((await revokeOverRest(ops.id)).status).toBe(204);
    // The CLI is the way back, so it revokes the last one too, and says how to make a new one.
    expect(await cli(['revoke', next.id])).toMatchObject({ status: 0, stdout: `revoked ${next.id}\n`, stderr: 'no active admin key is left: create one with npm run apikey -- create --name ops --scopes admin\n' });
  });

  it('fails within seconds with one line naming MONGO_URL when Mongo does not answer', async () => {
    const run = await cli(['list'], { MONGO_URL: 'mongodb://127.0.0.1:1' });
    expect(run).toEqual({ status: 1, stderr: 'apikey failed: cannot reach MongoDB at MONGO_URL=mongodb://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1\n', stdout: '', ms: expect.any(Number) });
    // the command's own 5 s limit, not the app's wait (10 s per try, 9 tries): starting node takes seconds on a loaded machine
    expect(run.ms).toBeLessThan(20_000);
  });

  it("uses the servers of the stack npm start runs when the environment names none, and says so", async () => {
    const stack = fakeRunningStack({ MONGO_URL: config.MONGO_URL, NATS_URL: config.NATS_URL, REDIS_URL: config.REDIS_URL, GATEWAY_URL: gateway.url });
    try {
      const inStack = { env: withoutServers(env), cwd: stack.cwd };
      const created = await cli(['create', '--name', 'from the stack', '--scopes', 'read'], {}, inStack);
      expect([created.status, created.stderr]).toEqual([0, `using the stack started by npm start (pid ${process.pid}): MongoDB ${config.MONGO_URL}\n`]);
      const { id, key } = JSON.parse(created.stdout) as { id: string; key: string };
      // The key is in this test's database: the running gateway accepts it.
      expect((await http('GET', `${gateway.url}/v1/ops/pipeline`, { key })).status).toBe(200);
      const revoked = await cli(['revoke', id], {}, inStack);
      expect([revoked.status, revoked.stdout, revoked.stderr]).toEqual([
        0,
        `revoked ${id}\n`,
        `using the stack started by npm start (pid ${process.pid}): MongoDB ${config.MONGO_URL}, NATS ${config.NATS_URL}\n`,
      ]);
      await waitFor(async () => (await http('GET', `${gateway.url}/v1/ops/pipeline`, { key })).status === 401, 'the revocation at the gateway', 1_000, 20);
    } finally {
      stack.remove();
    }
  });
});
