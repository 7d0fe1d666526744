import { ImportJob, noProgress } from '@lib/persistence';
import { importJobView } from './import-job.view';

const job = (fields: Partial<ImportJob>): ImportJob => ({
  _id: 'imp_0123456789abcdef',
  status: 'PROCESSING',
  format: 'csv',
  keyId: 'k',
  ...noProgress(),
  createdAt: new Date(),
  ...fields,
});

describe('importJobView progress', () => {
  it('stays below 1 until the job is DONE, though its last chunk is committed', () => {
    expect(importJobView(job({ bytesTotal: 1000, bytesRead: 1000 }), false).progress).toBeLessThan(1);
    expect(importJobView(job({ format: 'activitywatch', bytesTotal: 1000, bytesRead: 1000, rowsTotal: 17, rowsProcessed: 17 }), false).progress).toBeLessThan(1);
    expect(importJobView(job({ status: 'DONE', bytesTotal: 1000, bytesRead: 1000 }), false).progress).toBe(1);
  });

  it('moves forward with what is committed: unknown, then rows or bytes', () => {
    expect(importJobView(job({ status: 'PENDING' }), false).progress).toBeNull();
    const shown = [0, 250, 500, 999, 1000].map((bytesRead) => importJobView(job({ bytesTotal: 1000, bytesRead }), false).progress!);
    expect(shown[0]).toBe(0);
    expect(shown[2]).toBe(0.5);
    for (let i = 1; i < shown.length; i++) expect(shown[i]).toBeGreaterThanOrEqual(shown[i - 1]);
  });
});

describe('importJobView error', () => {
  it("shows a job's failure without servers' addresses, URLs or credentials, as a job stored it before they were left out", () => {
    const failed = job({ status: 'FAILED', error: 'gave up after repeated failures: cannot reach mongodb://ops:s3cret@db.internal:27017/pipeline (connect ECONNREFUSED 10.0.4.17:27017)' });
    expect(importJobView(failed, false).error).toBe('gave up after repeated failures: cannot reach <address> (connect ECONNREFUSED <address>)');
    expect(importJobView(job({ status: 'FAILED', error: 'row 3: started_at is not a date' }), false).error).toBe('row 3: started_at is not a date');
  });
});
