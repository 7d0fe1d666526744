// The files, not the package indexes: `npm start` loads nothing it does not need (no Nest).
import { numberFlag, parseFlags } from '../../libs/command-line/src/command-line';
import { maskedUrl } from '../../libs/config/src/masked-url';
import { APP_NAMES, AppName } from '../infra/src/app-process';

export const START_USAGE = `usage: npm start -- [--${APP_NAMES.join(' N] [--')} N]
  --<app> N  instances of that app, 1 to 16 (default 1); they share its durable consumers
NATS_URL, REDIS_URL, MONGO_URL: use those servers instead of starting them.
HOST: the apps' bind address, 127.0.0.1 unless set (HOST=0.0.0.0 takes other machines). Ctrl-C stops everything.`;

/**
 * The apps' environment: the caller's, with HOST 127.0.0.1 unless it sets one. The servers this
 * stack starts listen on loopback only; the apps listened on HOST's default, 0.0.0.0, so the
 * network reached the gateway, the keyless ActivityWatch port (any mapped hostname's time) and
 * every app's /metrics and /health. docker-compose.yml publishes the watcher port on loopback too.
 */
export function stackEnvironment(env: Record<string, string>): Record<string, string> {
  return { ...env, HOST: env.HOST ?? '127.0.0.1' };
}

/** Instances per app from `npm start -- --classification 2 …`, by the shared command-line reader: --help, a misspelt app or a count out of range stop it with the usage. */
export function instanceCounts(argv: string[]): Record<AppName, number> {
  const flags = parseFlags(argv, { values: [...APP_NAMES] }, START_USAGE);
  return Object.fromEntries(APP_NAMES.map((app) => [app, numberFlag(flags, app, 1, { min: 1, max: 16, integer: true })])) as Record<AppName, number>;
}

/** The servers line `npm start` prints: a password in a URL given in the environment masked, as in the apps' logs. */
export function serversLine(env: Record<string, string>): string {
  return `servers: NATS ${maskedUrl(env.NATS_URL)}  Redis ${maskedUrl(env.REDIS_URL)}  Mongo ${maskedUrl(env.MONGO_URL)}`;
}

export interface StackUp {
  startedMs: number;
  gateway: string;
  apps: Array<{ name: string; port: number }>;
  apiKey: string;
  /** AW_PORT (0: off) and whether another program listened there before the gateway started. */
  watchers: { port: number; taken: boolean };
  /** What this stack's shape cannot keep exact (localMongoNotes), printed under the apps. */
  notes?: string[];
}

/**
 * What several instances cannot keep exact on the FerretDB the stack starts itself (no
 * MONGO_URL): it applies no conditional update atomically, so only what one instance serializes
 * holds (README, docs/imports.md). Said when the stack is up, not left to a README line: the
 * counts were wrong without a word.
 */
export function localMongoNotes(counts: Record<AppName, number>, localMongo: boolean): string[] {
  if (!localMongo) return [];
  const notes: string[] = [];
  if (counts.ingestion > 1) {
    notes.push(
      `note: ${counts.ingestion} ingestion instances on the local FerretDB: ActivityWatch watcher requests of one user reaching two instances at once can miscount its time (docs/imports.md, "State shared by every instance"); with watchers run one ingestion instance, or MongoDB (MONGO_URL)`,
    );
  }
  if (counts.classification > 1) {
    notes.push(`note: ${counts.classification} classification instances on the local FerretDB: concurrent PATCHes of one rule or category on two instances can undo each other's fields (README); MongoDB (MONGO_URL) keeps them all`);
  }
  return notes;
}

/** Where ActivityWatch watchers send: aw-server's port when the gateway could take it, else its main port. */
function watchersLine(gateway: string, { port, taken }: StackUp['watchers']): string {
  if (port === 0) return `  watchers    ${gateway}/api/0   (ActivityWatch; AW_PORT=0)`;
  if (taken) return `  watchers    ${gateway}/api/0   (ActivityWatch; AW_PORT ${port} is taken: is aw-server running? Its watchers send there, not here)`;
  return `  watchers    http://127.0.0.1:${port}/api/0   (ActivityWatch, aw-server's port)`;
}

/** What `npm start` prints once every app is ready: each door of the gateway (the dashboard first, where a newcomer looks), the apps, the dev key. */
export function stackUpText({ startedMs, gateway, apps, apiKey, watchers, notes = [] }: StackUp): string {
  return [
    '',
    `activity-pipeline is up in ${(startedMs / 1000).toFixed(1)} s`,
    `  dashboard   ${gateway}/`,
    `  REST        ${gateway}/v1   (OpenAPI: ${gateway}/docs)`,
    `  GraphQL     ${gateway}/graphql`,
    `  health      ${gateway}/health/ready    metrics: ${gateway}/metrics`,
    watchersLine(gateway, watchers),
    'apps:',
    ...apps.map((a) => `  ${a.name.padEnd(18)} http://127.0.0.1:${a.port}`),
    ...notes,
    `dev API key (admin, also in .data/dev-api-key): ${apiKey}`,
    // A first board read of a new stack answered an empty board: the categories name the boards, and the next steps follow.
    `try: curl -s -H "x-api-key: $(cat .data/dev-api-key)" ${gateway}/v1/categories   (the boards; README "Try it" posts an event)`,
    '     npm run demo -- --minutes 1   (a simulated work day for the dashboard, from another terminal)',
    'servers and URLs: .data/stack.json   logs: .data/logs/   Ctrl-C stops everything.',
    '',
  ].join('\n');
}

/** What an app may need past SHUTDOWN_GRACE_SEC to exit on its own (its exit, the log's flush). */
const APP_EXIT_MARGIN_MS = 5_000;

/**
 * How long a stop waits for each app before it kills it: its SHUTDOWN_DELAY_SEC and SHUTDOWN_GRACE_SEC (`shutdownGraceSec`, their sum) and a margin,
 * never less than the 15 s it always gave. A fixed 15 s killed an app given a longer grace
 * (SHUTDOWN_GRACE_SEC=30) in the middle of its drain, without a word.
 */
export function appStopGraceMs(shutdownGraceSec: number): number {
  return Math.max(15_000, shutdownGraceSec * 1000 + APP_EXIT_MARGIN_MS);
}
