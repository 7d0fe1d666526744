import { resolve } from 'node:path';
import { failureReport, numberFlag, parseFlags, readCommandLine, SEED_RANGE, UsageError } from '@lib/command-line';
import { FREEZE_KINDS, runChaos } from './chaos-run';

const USAGE = 'usage: npm run chaos -- [--seconds 120] [--kills 20] [--rate 1000] [--poison 5] [--freezes 0] [--freeze leaderboard,redis-server] [--import-rows 0] [--idempotency-keys] [--seed N]';

/** Exit 1 on loss, duplicates or drift; 2 when the run itself failed. */
const options = readCommandLine('chaos', () => {
  const flags = parseFlags(process.argv.slice(2), { values: ['seconds', 'kills', 'rate', 'poison', 'freezes', 'freeze', 'import-rows', 'seed'], booleans: ['idempotency-keys'] }, USAGE);
  const freezeKinds = flags.get('freeze')?.split(',');
  const unknownKind = freezeKinds?.find((kind) => !FREEZE_KINDS.includes(kind));
  if (unknownKind !== undefined) throw new UsageError(`--freeze takes a comma-separated list of ${FREEZE_KINDS.join(', ')}; got ${JSON.stringify(unknownKind)}`);
  return {
    freezeKinds,
    seconds: numberFlag(flags, 'seconds', 120, { min: 10 }),
    kills: numberFlag(flags, 'kills', 20, { min: 0, integer: true }),
    rate: numberFlag(flags, 'rate', 1000, { min: 1 }),
    poison: numberFlag(flags, 'poison', 5, { min: 0, integer: true }),
    freezes: numberFlag(flags, 'freezes', 0, { min: 0, integer: true }),
    importRows: numberFlag(flags, 'import-rows', 0, { min: 0, integer: true }),
    idempotencyKeys: flags.has('idempotency-keys'),
    seed: numberFlag(flags, 'seed', Date.now() % 100000, SEED_RANGE),
  };
});

runChaos({
  root: resolve(__dirname, '..', '..', '..'),
  ...options,
  log: (line) => process.stderr.write(`[chaos] ${line}\n`),
}).then(
  (report) => {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(report.ok ? 'chaos: OK — nothing lost, nothing double-counted, zero drift\n' : `chaos: FAILED — ${report.failures.join('; ')}\n`);
    process.exit(report.ok ? 0 : 1);
  },
  (error: Error) => {
    process.stderr.write(`${failureReport('chaos', error, true)}\n`);
    process.exit(2);
  },
);
