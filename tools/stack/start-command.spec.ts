import { UsageError } from '../../libs/command-line/src/command-line';
import { appStopGraceMs, instanceCounts, localMongoNotes, serversLine, stackEnvironment, stackUpText, START_USAGE } from './start-command';

describe('npm start options', () => {
  it('reads an instance count per app, one by default, in either flag form', () => {
    expect(instanceCounts(['--classification', '2', '--inference=3'])).toEqual({ ingestion: 1, classification: 2, inference: 3, leaderboard: 1, gateway: 1 });
    expect(instanceCounts([])).toEqual({ ingestion: 1, classification: 1, inference: 1, leaderboard: 1, gateway: 1 });
  });

  it('refuses a misspelt app, a count without its value or out of range, as a usage error naming it', () => {
    expect(() => instanceCounts(['--clasification', '2'])).toThrow(new UsageError(`Unknown option '--clasification'\n${START_USAGE}`));
    expect(() => instanceCounts(['--inference'])).toThrow(UsageError);
    expect(() => instanceCounts(['--inference'])).toThrow(/--inference <value>' argument missing/);
    expect(() => instanceCounts(['--gateway', '17'])).toThrow(new UsageError('--gateway must be a whole number from 1 to 16, got "17"'));
  });

  it('waits for each app as long as its SHUTDOWN_GRACE_SEC lets it drain, and a margin, before killing it (before: 15 s whatever the grace)', () => {
    expect(appStopGraceMs(8)).toBe(15_000);
    expect(appStopGraceMs(30)).toBe(35_000);
  });

  it('binds the apps to this machine only unless HOST says otherwise, as it binds NATS, Redis and Mongo', () => {
    // Before, every app listened on 0.0.0.0: the network reached the gateway, the keyless watcher port and each app's /metrics.
    expect(stackEnvironment({ PATH: '/bin' })).toEqual({ PATH: '/bin', HOST: '127.0.0.1' });
    expect(stackEnvironment({ HOST: '0.0.0.0' })).toEqual({ HOST: '0.0.0.0' });
  });

  it('prints the usage for --help and exits 0', () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => {
      throw new Error('exited');
    }) as never);
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(() => instanceCounts(['--help'])).toThrow('exited');
      expect([exit.mock.calls, out.mock.calls]).toEqual([[[0]], [[`${START_USAGE}\n`]]]);
    } finally {
      exit.mockRestore();
      out.mockRestore();
    }
  });

  it('prints the servers it uses with any password masked', () => {
    expect(serversLine({ NATS_URL: 'nats://app:n4ts@nats.example:4222', REDIS_URL: 'redis://:r3dis@127.0.0.1:6379', MONGO_URL: 'mongodb+srv://app:m0ngo@cluster.example/' })).toBe(
      'servers: NATS nats://app:***@nats.example:4222  Redis redis://:***@127.0.0.1:6379  Mongo mongodb+srv://app:***@cluster.example/',
    );
  });

  it('names the dashboard among the URLs it prints once up', () => {
    const text = stackUpText({ startedMs: 3800, gateway: 'http://127.0.0.1:39649', apps: [{ name: 'gateway', port: 39649 }], apiKey: 'ap_x_y', watchers: { port: 5600, taken: false } });
    expect(text.split('\n').slice(1, 4)).toEqual(['activity-pipeline is up in 3.8 s', '  dashboard   http://127.0.0.1:39649/', '  REST        http://127.0.0.1:39649/v1   (OpenAPI: http://127.0.0.1:39649/docs)']);
  });

  it('suggests first steps that show something on a new stack: the boards, the README, the demo', () => {
    const text = stackUpText({ startedMs: 1000, gateway: 'http://127.0.0.1:39649', apps: [], apiKey: 'k', watchers: { port: 0, taken: false } });
    expect(text.split('\n').filter((l) => /^( {5}|try: )/.test(l))).toEqual([
      'try: curl -s -H "x-api-key: $(cat .data/dev-api-key)" http://127.0.0.1:39649/v1/categories   (the boards; README "Try it" posts an event)',
      '     npm run demo -- --minutes 1   (a simulated work day for the dashboard, from another terminal)',
    ]);
  });

  it('says what several ingestion or classification instances cannot keep exact on the FerretDB it starts, under the apps', () => {
    // Before, `npm start -- --ingestion 2` said nothing, and a watcher's time could be miscounted.
    const counts = instanceCounts(['--ingestion', '2']);
    const notes = localMongoNotes(counts, true);
    expect(notes).toEqual([expect.stringMatching(/^note: 2 ingestion instances on the local FerretDB: ActivityWatch watcher requests of one user .* with watchers run one ingestion instance, or MongoDB \(MONGO_URL\)$/)]);
    expect(localMongoNotes(instanceCounts(['--classification', '3']), true)).toEqual([expect.stringMatching(/^note: 3 classification instances on the local FerretDB: concurrent PATCHes/)]);
    expect(localMongoNotes(counts, false)).toEqual([]);
    expect(localMongoNotes(instanceCounts(['--inference', '4', '--leaderboard', '2', '--gateway', '2']), true)).toEqual([]);
    const text = stackUpText({ startedMs: 1000, gateway: 'http://127.0.0.1:3000', apps: [{ name: 'ingestion-2', port: 3102 }], apiKey: 'k', watchers: { port: 0, taken: false }, notes });
    const lines = text.split('\n');
    expect(lines[lines.findIndex((l) => l.startsWith('  ingestion-2')) + 1]).toBe(notes[0]);
  });

  it("says where ActivityWatch watchers send: aw-server's port, or the main one when that is taken or off", () => {
    const up = { startedMs: 1000, gateway: 'http://127.0.0.1:3000', apps: [], apiKey: 'k' };
    const line = (watchers: { port: number; taken: boolean }) => stackUpText({ ...up, watchers }).split('\n').find((l) => l.startsWith('  watchers'));
    expect(line({ port: 5600, taken: false })).toBe("  watchers    http://127.0.0.1:5600/api/0   (ActivityWatch, aw-server's port)");
    expect(line({ port: 5600, taken: true })).toBe('  watchers    http://127.0.0.1:3000/api/0   (ActivityWatch; AW_PORT 5600 is taken: is aw-server running? Its watchers send there, not here)');
    expect(line({ port: 0, taken: false })).toBe('  watchers    http://127.0.0.1:3000/api/0   (ActivityWatch; AW_PORT=0)');
  });
});
