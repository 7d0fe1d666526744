import { ImportJobView } from '@lib/contracts';
import { duration, summary } from './import-summary';

describe('the import summary', () => {
  const job = (fields: Partial<ImportJobView>): ImportJobView => ({
    id: 'imp_1',
    status: 'DONE',
    format: 'csv',
    bytesRead: 100,
    rowsProcessed: 6,
    rowsTotal: 6,
    progress: 1,
    accepted: 6,
    duplicates: 0,
    rejectedCount: 0,
    rejectedTruncated: false,
    createdAt: '2026-11-24T10:00:00.000Z',
    ...fields,
  });

  it('gives a short job its duration in milliseconds, so it agrees with its rate (6 rows in 39 ms: 154 rows/s, not "0.0 s")', () => {
    const text = summary(job({ startedAt: '2026-11-24T10:00:00.000Z', finishedAt: '2026-11-24T10:00:00.039Z', rowsPerSec: 154 }));
    expect(text.split('\n')[1]).toBe('job imp_1: DONE in 39 ms (154 rows/s)');
  });

  it('gives longer ones seconds with a tenth', () => {
    expect(duration(999)).toBe('999 ms');
    expect(duration(1_000)).toBe('1.0 s');
    expect(duration(12_345)).toBe('12.3 s');
  });

  it('explains duplicates as repeated rows or a re-import, not as a re-import only', () => {
    const text = summary(job({ accepted: 5, duplicates: 1 }));
    expect(text).toContain('duplicates: rows repeated in the file, or already imported (the same file within the duplicate window); they count once\n');
  });
});
