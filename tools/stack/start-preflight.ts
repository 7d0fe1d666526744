import { join, resolve } from 'node:path';
import { failureReport, readCommandLine } from '../../libs/command-line/src/command-line';
import { instanceCounts } from './start-command';
import { StackLockedError, stackLockHolder } from './stack-lock';

/**
 * What `npm start` checks before scripts/start.sh installs and builds: its options (`--help`
 * prints the usage on stdout, exit 0; a mistake its reason and the usage, exit 2) and another start
 * holding .data (exit 1). Until 2026-11-25 both came after the install and the build (~40 s here),
 * and a refused second start had rebuilt dist/ under the running stack. start.ts checks both
 * again once built: this build may be older than the sources.
 */
readCommandLine('npm start', () => instanceCounts(process.argv.slice(2)));
const dataDir = join(resolve(__dirname, '..', '..', '..'), '.data');
const holder = stackLockHolder(dataDir);
if (holder !== undefined) {
  process.stderr.write(`${failureReport('npm start', new StackLockedError(holder, dataDir))}\n`);
  process.exit(1);
}
