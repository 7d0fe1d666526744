import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ClassificationCorrection } from '@lib/persistence';

/**
 * One training example per correction: the question as it was asked (not normalized) and
 * the category a person chose. Absent title and url are left out.
 */
export function correctionLine(correction: Pick<ClassificationCorrection, 'sample' | 'categoryId'>): string {
  const { app, title, url } = correction.sample;
  return JSON.stringify({ app, ...(title ? { title } : {}), ...(url ? { url } : {}), categoryId: correction.categoryId });
}

/** Writes the corrections as JSON lines to `path` (directories created); returns the line count. */
export async function writeCorrections(corrections: AsyncIterable<Pick<ClassificationCorrection, 'sample' | 'categoryId'>>, path: string): Promise<number> {
  mkdirSync(dirname(path), { recursive: true });
  const file = createWriteStream(path);
  // A file that cannot be opened or written fails the export with its reason; unheard, the stream's
  // 'error' event ended the process with a stack. `once` rejects on 'error' while it waits.
  let failed: Error | undefined;
  file.on('error', (error) => (failed = error));
  let lines = 0;
  try {
    for await (const correction of corrections) {
      if (failed) throw failed;
      if (!file.write(`${correctionLine(correction)}\n`)) await once(file, 'drain');
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
