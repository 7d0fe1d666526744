import { QUEUE_GRACE_MS, stalledUploadAction } from './stalled-upload';

const now = new Date('2026-11-23T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const STALL_MS = 600_000;

describe('stalledUploadAction', () => {
  it('waits while chunks keep arriving, however old the job', () => {
    const job = { createdAt: ago(3 * 3600_000) };
    expect(stalledUploadAction(job, { time: ago(STALL_MS - 1) }, now, STALL_MS)).toEqual({ kind: 'wait' });
  });

  it('fails an upload whose last chunk is older than the stall timeout, naming how long it waited', () => {
    const action = stalledUploadAction({ createdAt: ago(3600_000) }, { time: ago(STALL_MS + 4_000) }, now, STALL_MS);
    expect(action).toEqual({ kind: 'fail', reason: expect.stringContaining('the upload stopped before its end and nothing more came for 604 s') });
    expect(action.kind === 'fail' && action.reason).toContain('upload the file again');
  });

  it('fails a job that never received data once the stall timeout passed since it was created', () => {
    expect(stalledUploadAction({ createdAt: ago(STALL_MS - 1) }, undefined, now, STALL_MS)).toEqual({ kind: 'wait' });
    expect(stalledUploadAction({ createdAt: ago(STALL_MS) }, undefined, now, STALL_MS)).toEqual({ kind: 'fail', reason: expect.stringContaining('no data of the file arrived') });
  });

  it('queues a file stored whole (end marker) once the gateway had its grace to queue it itself', () => {
    const job = { createdAt: ago(STALL_MS * 2) };
    expect(stalledUploadAction(job, { time: ago(QUEUE_GRACE_MS - 1), endBytes: 123 }, now, STALL_MS)).toEqual({ kind: 'wait' });
    expect(stalledUploadAction(job, { time: ago(QUEUE_GRACE_MS), endBytes: 123 }, now, STALL_MS)).toEqual({ kind: 'queue', bytes: 123 });
  });

  it('re-sends the run message of a job recorded as uploaded, after the grace, with its recorded size', () => {
    const job = { createdAt: ago(STALL_MS * 2), bytesTotal: 77 };
    expect(stalledUploadAction({ ...job, uploadedAt: ago(1_000) }, undefined, now, STALL_MS)).toEqual({ kind: 'wait' });
    expect(stalledUploadAction({ ...job, uploadedAt: ago(QUEUE_GRACE_MS) }, undefined, now, STALL_MS)).toEqual({ kind: 'queue', bytes: 77 });
  });

  it('never fails a stored file, even long after its end marker', () => {
    expect(stalledUploadAction({ createdAt: ago(10 * STALL_MS) }, { time: ago(5 * STALL_MS), endBytes: 9 }, now, STALL_MS).kind).toBe('queue');
  });
});
