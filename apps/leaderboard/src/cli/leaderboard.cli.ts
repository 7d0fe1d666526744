import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { SingleBar } from 'cli-progress';
import { numberFlag, parseCommand, runCommand, UsageError } from '@lib/command-line';
import { commandLineEnv, loadConfig } from '@lib/config';
import { LANES } from '@lib/contracts';
import { PeriodCalendar, PeriodType } from '@lib/leaderboard-core';
import { MessagingModule, NatsConnectionService } from '@lib/messaging';
import { MongoPersistenceModule, RedisModule } from '@lib/persistence';
import { createCommandLineContext } from '@lib/platform';
import { BoardKeys } from '../boards/board-keys';
import { BoardMaintenanceStore } from '../boards/board-maintenance.store';
import { BoardTimeZone } from '../boards/board-time-zone.store';
import { BOARD_MAINTENANCE_PROVIDERS } from '../leaderboard.module';
import { BoardArchiveService } from '../maintenance/board-archive.service';
import { BoardRecomputeService, coversEveryBoard, RecomputeProgress, recomputeWindows, RecomputeScope } from '../maintenance/board-recompute.service';
import { LeaseCheck, LeaseService } from '../maintenance/lease.service';
import { MAINTENANCE_LEASE } from '../maintenance/maintenance-jobs.service';

// As a user runs it (README, "Other commands"): each command is an npm script of its own.
const USAGE = `usage:
  npm run leaderboard:verify -- [--from YYYY-MM-DD --to YYYY-MM-DD] [--periods day,week,month,all] [--max-lines N]
      recompute boards from the usage logs and compare with Redis/archive; exit 1 on drift
  npm run leaderboard:rebuild -- [--from YYYY-MM-DD --to YYYY-MM-DD] [--periods day,week,month,all]
      recompute boards from the usage logs and replace them (stop the leaderboard app first)
  npm run leaderboard:archive
      archive the periods older than ARCHIVE_AFTER_DAYS now
With --from/--to: every day, ISO week and month containing a date of the range, each recomputed
from all of its usage logs; all-time needs a run without --from/--to. Settings: the apps' env variables
(NATS_URL, MONGO_URL and REDIS_URL, when unset: those of the stack npm start runs here, with the
MONGO_DB, PIPELINE_PREFIX, REDIS_PREFIX and TIME_ZONE it was started with); TIME_ZONE must be the
leaderboard app's (checked against the zone it records in Redis).`;

interface Args {
  command: string;
  scope: RecomputeScope;
  maxLines: number;
}

/** Exit codes: 0 ok, 1 drift found (verify), 2 bad usage or failure. */
export function parseArgs(argv: string[]): Args {
  const { flags, positionals } = parseCommand(argv, { values: ['from', 'to', 'periods', 'max-lines'], positionals: { min: 1, max: 1, names: ['the command (verify, rebuild or archive)'] } }, USAGE);
  const [command] = positionals;
  if (!['verify', 'rebuild', 'archive'].includes(command)) throw new UsageError(`unknown command "${command}"\n${USAGE}`);
  const periods = flags.get('periods')?.split(',').map((p) => p.trim()) as PeriodType[] | undefined;
  const maxLines = numberFlag(flags, 'max-lines', 1000, { min: 0, integer: true });
  const scope = { from: flags.get('from'), to: flags.get('to'), periods };
  try {
    // The service checks the scope again; here a mistake is named before anything is connected.
    // Any time zone gives the same verdict (it moves period keys, not which dates are valid).
    recomputeWindows(scope, new PeriodCalendar('UTC'));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return { command, scope, maxLines };
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const config = loadConfig(commandLineEnv(args.command === 'verify' ? ['MONGO_URL', 'REDIS_URL'] : ['MONGO_URL', 'REDIS_URL', 'NATS_URL']));
  const app = await createCommandLineContext(
    config,
    { imports: [MessagingModule, MongoPersistenceModule, RedisModule], providers: BOARD_MAINTENANCE_PROVIDERS },
    ['error', 'warn'],
  );
  try {
    // Period keys carry no zone: in another one than the app's, every board would read as drifted, and be rebuilt so.
    await app.get(BoardTimeZone).assertSameAsBoards();
    if (args.command !== 'archive') await noteLostBoards(app, args);
    if (args.command === 'verify') return await verify(app, args);
    // Writers of boards take the maintenance lease, so they never race the app's daily job.
    await app.get(NatsConnectionService).connect('leaderboard-cli');
    if (args.command === 'rebuild') await warnOfRunningLeaderboard(app);
    const ran = await app.get(LeaseService).runExclusive(MAINTENANCE_LEASE, (lease) => (args.command === 'rebuild' ? rebuild(app, args, lease) : archive(app, lease)));
    if (!ran) throw new Error(`another process holds the "${MAINTENANCE_LEASE}" lease (daily job or another CLI run): retry later`);
    return ran.result;
  } finally {
    await app.close();
  }
}

async function verify(app: INestApplicationContext, args: Args): Promise<number> {
  const report = await withProgress((progress) => app.get(BoardRecomputeService).verify(args.scope, progress));
  let printed = 0;
  for (const board of report.drifted) {
    for (const d of board.drift) {
      if (printed++ < args.maxLines) {
        process.stdout.write(`DRIFT ${board.board} ${board.period} ${board.periodKey} user=${JSON.stringify(d.userId)} logs=${d.expected} board=${d.actual}\n`);
      }
    }
  }
  if (printed > args.maxLines) process.stdout.write(`… ${printed - args.maxLines} more drifted entries\n`);
  process.stdout.write(`verified ${report.boards} boards: ${report.driftEntries === 0 ? 'no drift' : `${report.driftEntries} drifted entries on ${report.drifted.length} boards`}\n`);
  return report.driftEntries === 0 ? 0 : 1;
}

/**
 * Boards a leaderboard app found lost (Redis restarted without persistence, flushed) read as drift
 * everywhere until a full rebuild: said first, with the way back, so thousands of DRIFT lines or
 * a rebuild of one range are not taken for the repair.
 */
async function noteLostBoards(app: INestApplicationContext, args: Args): Promise<void> {
  const since = await app.get(BoardMaintenanceStore).lostSince();
  if (since === null) return;
  process.stderr.write(
    `note: a leaderboard app found at ${since} that Redis had lost the boards (${app.get(BoardKeys).lost}): ` +
      (args.command === 'rebuild' && coversEveryBoard(args.scope) ? 'this rebuild makes them whole again\n' : 'they hold only what was written since, until a rebuild without --from/--to (with the leaderboard app stopped)\n'),
  );
}

/**
 * A rebuild beside a running leaderboard app can lose or double what the app counts meanwhile in
 * the periods it rewrites (docs/leaderboards.md); `npm start` runs one, which cannot be stopped
 * alone, so the rebuild goes on, but says so: it did not, and left only verify to find out.
 * Running means pulling: the app's consumers hold waiting pull requests or unacknowledged batches.
 */
async function warnOfRunningLeaderboard(app: INestApplicationContext): Promise<void> {
  const nats = app.get(NatsConnectionService);
  const consuming = await Promise.all(
    LANES.map(async (lane) => {
      const durable = nats.names.durable('leaderboard', lane);
      const info = await nats.jsm.consumers.info(nats.names.streams.classified, durable).catch(() => undefined);
      return info && (info.num_waiting > 0 || info.num_ack_pending > 0) ? durable : undefined;
    }),
  );
  const running = consuming.filter((durable): durable is string => durable !== undefined);
  if (running.length === 0) return;
  process.stderr.write(
    `warning: a leaderboard app is running (consumer ${running.join(', ')}): events it counts during the rebuild, in the periods rebuilt, ` +
      'can be lost or counted twice on their boards; stop it first, or run npm run leaderboard:verify afterwards\n',
  );
}

async function rebuild(app: INestApplicationContext, args: Args, lease: LeaseCheck): Promise<number> {
  const report = await withProgress((progress) => app.get(BoardRecomputeService).rebuild(args.scope, progress, lease));
  process.stdout.write(`rebuilt ${report.boards} boards (${report.entries} entries)\n`);
  if (args.scope.from !== undefined) process.stdout.write('all-time boards were left as they are: rebuild without --from/--to to recompute them\n');
  return 0;
}

async function archive(app: INestApplicationContext, lease: LeaseCheck): Promise<number> {
  const report = await app.get(BoardArchiveService).archiveDue(Date.now(), lease);
  for (const failure of report.failed) process.stderr.write(`failed ${failure.board}: ${failure.error}\n`);
  process.stdout.write(`archived ${report.archived.length} boards, ${report.failed.length} failed\n`);
  return report.failed.length === 0 ? 0 : 2;
}

/** A progress bar on stderr (shown on a terminal only), counting usage logs read. */
async function withProgress<T>(run: (progress: RecomputeProgress) => Promise<T>): Promise<T> {
  const bar = new SingleBar({ stream: process.stderr, format: 'usage logs {bar} {value}/{total} {percentage}% eta {eta_formatted}', hideCursor: true });
  let started = false;
  try {
    return await run({
      total: (logs) => {
        bar.start(logs, 0);
        started = true;
      },
      advance: (logs) => bar.increment(logs),
    });
  } finally {
    if (started) bar.stop();
  }
}

/** The npm script the user ran (`leaderboard:verify`), as its failure names it. */
function commandName(argv: string[]): string {
  return ['verify', 'rebuild', 'archive'].includes(argv[0]) ? `leaderboard:${argv[0]}` : 'leaderboard';
}

if (require.main === module) runCommand(commandName(process.argv.slice(2)), () => main(process.argv.slice(2)), 2);
