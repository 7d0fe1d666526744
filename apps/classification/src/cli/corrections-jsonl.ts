import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ClassificationAnswer } from '@lib/persistence';

/**
 * One training example per manual answer: the question as it was asked (not normalized) and
 * the category a person chose. Absent title and url are left out.
 */
export function correctionLine(answer: Pick<ClassificationAnswer, 'sample' | 'categoryId'>): string {
  const { app, title, url } = answer.sample;
  return JSON.stringify({ app, ...(title ? { title } : {}), ...(url ? { url } : {}), categoryId: answer.categoryId });
}

/** Writes the answers as JSON lines to `path` (directories created); returns the line count. */
export async function writeCorrections(answers: AsyncIterable<Pick<ClassificationAnswer, 'sample' | 'categoryId'>>, path: string): Promise<number> {
  mkdirSync(dirname(path), { recursive: true });
  const file = createWriteStream(path);
  // A file that cannot be opened or written fails the export with its reason; unheard, the stream's
  // 'error' event ended the process with a stack. `once` rejects on 'error' while it waits.
  let failed: Error | undefined;
  file.on('error', (error) => (failed = error));
  let lines = 0;
  try {
    for await (const answer of answers) {
      if (failed) throw failed;
      if (!file.write(`${correctionLine(answer)}\n`)) await once(file, 'drain');
      lines++;
    }
  } finally {
    if (!failed) {
      file.end();
      await once(file, 'finish');
    }
  }
  if (failed) throw failed;
  return lines;
}
