import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runChaos } from './chaos-run';

/** `npm run chaos -- [--seconds 120] [--kills 20] [--rate 1000] [--poison 5] [--seed 1]`; exit 1 on loss, duplicates or drift. */
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '120' },
    kills: { type: 'string', default: '20' },
    rate: { type: 'string', default: '1000' },
    poison: { type: 'string', default: '5' },
    seed: { type: 'string', default: String(Date.now() % 100000) },
  },
});

runChaos({
  root: resolve(__dirname, '..', '..', '..'),
  seconds: Number(values.seconds),
  kills: Number(values.kills),
  rate: Number(values.rate),
  poison: Number(values.poison),
  seed: Number(values.seed),
  log: (line) => process.stderr.write(`[chaos] ${line}\n`),
}).then(
  (report) => {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(report.ok ? 'chaos: OK — nothing lost, nothing double-counted, zero drift\n' : `chaos: FAILED — ${report.failures.join('; ')}\n`);
    process.exit(report.ok ? 0 : 1);
  },
  (error: Error) => {
    process.stderr.write(`chaos run failed: ${error.stack ?? error.message}\n`);
    process.exit(2);
  },
);
