import 'reflect-metadata';
import { outputFile, parseFlags, runCommand, UsageError } from '@lib/command-line';
import { commandLineEnv, loadConfig } from '@lib/config';
import { ClassificationCorrectionRepository, MongoPersistenceModule } from '@lib/persistence';
import { createCommandLineContext } from '@lib/platform';
import { writeCorrections } from './corrections-jsonl';

const USAGE = 'usage: npm run model:export-corrections -- --out FILE.jsonl   (MONGO_URL, else the stack npm start runs here, and MONGO_DB select the database)';

/**
 * Dumps every manual answer (PUT /v1/classifications) as JSON lines
 * `{"app","title","url","categoryId"}`: labelled examples for `npm run model:train`.
 */
async function main(argv: string[]): Promise<void> {
  const flag = parseFlags(argv, { values: ['out'] }, USAGE).get('out');
  if (!flag) throw new UsageError(`--out is required\n${USAGE}`);
  // Checked before connecting: a bad path should not cost a database scan first.
  const out = outputFile('--out', flag);

  const app = await createCommandLineContext(loadConfig(commandLineEnv(['MONGO_URL'])), { imports: [MongoPersistenceModule] });
  try {
    const lines = await writeCorrections(app.get(ClassificationCorrectionRepository).cursor(), out);
    process.stdout.write(`${lines} corrections written to ${out}\n`);
  } finally {
    await app.close();
  }
}

runCommand('model:export-corrections', () => main(process.argv.slice(2)));
