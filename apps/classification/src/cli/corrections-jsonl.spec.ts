import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { correctionLine, writeCorrections } from './corrections-jsonl';

describe('corrections as JSON lines', () => {
  it('writes the question as asked, without absent fields', () => {
    expect(correctionLine({ sample: { app: 'Code', title: 'notes.md' }, categoryId: 'work:writing' })).toBe('{"app":"Code","title":"notes.md","categoryId":"work:writing"}');
    expect(correctionLine({ sample: { app: 'Firefox', url: 'https://x.com/a?b' }, categoryId: 'entertainment' })).toBe('{"app":"Firefox","url":"https://x.com/a?b","categoryId":"entertainment"}');
  });

  it('streams any number of answers to a file and counts them', async () => {
    async function* answers() {
      for (let i = 0; i < 3; i++) yield { sample: { app: `app-${i}` }, categoryId: 'work' };
    }
    const dir = mkdtempSync(join(tmpdir(), 'corrections-'));
    const path = join(dir, 'deep', 'out.jsonl');
    try {
      expect(await writeCorrections(answers(), path)).toBe(3);
      expect(readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line))).toEqual([
        { app: 'app-0', categoryId: 'work' },
        { app: 'app-1', categoryId: 'work' },
        { app: 'app-2', categoryId: 'work' },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with the reason when the file cannot be written, for none or any number of answers (it ended the process with an unhandled error event)', async () => {
    // As a database cursor does: the file's open fails while the next answer is awaited.
    async function* answers(count: number) {
      for (let i = 0; i < count; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        yield { sample: { app: `app-${i}` }, categoryId: 'work' };
      }
    }
    const dir = mkdtempSync(join(tmpdir(), 'corrections-'));
    try {
      await expect(writeCorrections(answers(0), dir)).rejects.toMatchObject({ code: 'EISDIR' });
      await expect(writeCorrections(answers(3), dir)).rejects.toMatchObject({ code: 'EISDIR' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
