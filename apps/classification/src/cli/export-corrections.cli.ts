import 'reflect-metadata';
import { accessSync, closeSync, constants, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseFlags, runCommand, UsageError } from '@lib/command-line';
import { commandLineEnv, loadConfig } from '@lib/config';
import { ClassificationAnswerRepository, MongoPersistenceModule } from '@lib/persistence';
import { createCommandLineContext } from '@lib/platform';
import { writeCorrections } from './corrections-jsonl';

const USAGE = 'usage: export-corrections --out FILE.jsonl   (MONGO_URL, else the stack npm start runs here, and MONGO_DB select the database)';

/**
 * Dumps every manual answer (PUT /v1/classifications) as JSON lines
 * `{"app","title","url","categoryId"}`: labelled examples for `npm run model:train`.
 */
async function main(argv: string[]): Promise<void> {
  const out = parseFlags(argv, { values: ['out'] }, USAGE).get('out');
  if (!out) throw new UsageError(`--out is required\n${USAGE}`);
  // Made and checked before connecting: a bad path should not cost a database scan first.
  const directory = dirname(resolve(out));
  try {
    mkdirSync(directory, { recursive: true });
    accessSync(directory, constants.W_OK);
  } catch (error) {
    throw new UsageError(`--out: cannot write in ${directory} (${(error as NodeJS.ErrnoException).code})`);
  }
  // The file itself too, opened to append (an existing export stays as it is until the new one is
  // written): a directory given as --out crashed after the scan with an unhandled EISDIR and a stack.
  try {
    closeSync(openSync(out, 'a'));
  } catch (error) {
    throw new UsageError(`--out: cannot write ${resolve(out)} (${(error as NodeJS.ErrnoException).code})`);
  }

  const app = await createCommandLineContext(loadConfig(commandLineEnv(['MONGO_URL'])), { imports: [MongoPersistenceModule] });
  try {
    const lines = await writeCorrections(app.get(ClassificationAnswerRepository).manualCursor(), out);
    process.stdout.write(`${lines} corrections written to ${out}\n`);
  } finally {
    await app.close();
  }
}

runCommand(() => main(process.argv.slice(2)));
