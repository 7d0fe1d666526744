import { clientSafeReason, reasonKind } from './failure-reason';

describe('clientSafeReason', () => {
  it.each([
    ['failed 8 deliveries: connect ECONNREFUSED 10.0.4.17:6379', 'failed 8 deliveries: connect ECONNREFUSED <address>'],
    ['failed 8 deliveries: cannot reach mongodb://ops:s3cret@db.internal:27017/pipeline?authSource=admin', 'failed 8 deliveries: cannot reach <address>'],
    ['permanent failure: login ops:s3cret@db.internal:27017 refused', 'permanent failure: login ops:***@<address> refused'],
    ['failed 2 deliveries: bad thing\n    at handle (/app/dist/apps/leaderboard/main.js:12:34)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)', 'failed 2 deliveries: bad thing'],
    ['failed 2 deliveries: token rejected for https://api.example/v1?api_key=sk-123', 'failed 2 deliveries: token rejected for <address>'],
  ])('keeps no address, credential or stack frame of %j', (text, kept) => {
    expect(clientSafeReason(text)).toBe(kept);
  });

  it('keeps a reason that holds none as it is, on one line of at most 1,000 characters', () => {
    expect(clientSafeReason('invalid payload: events.0.durationSec must be > 0 (1 of the message\'s 3 events; the 2 others went on)')).toBe("invalid payload: events.0.durationSec must be > 0 (1 of the message's 3 events; the 2 others went on)");
    expect(clientSafeReason('invalid payload: events.0.startedAt 2026-11-21T10:00:00Z is more than an hour in the future')).toBe('invalid payload: events.0.startedAt 2026-11-21T10:00:00Z is more than an hour in the future');
    expect(clientSafeReason('a\r\nb')).toBe('a b');
    expect(clientSafeReason('x'.repeat(5000))).toHaveLength(1000);
  });
});

describe('reasonKind', () => {
  it('tells the kind of a reason the consumer loop writes, and nothing of the failure itself', () => {
    expect(reasonKind('failed 8 deliveries: NOREPLICAS Not enough good replicas to write.')).toBe('failed 8 deliveries');
    expect(reasonKind('invalid payload: not JSON (Unexpected token)')).toBe('invalid payload');
    expect(reasonKind('permanent failure: E11000 duplicate key')).toBe('permanent failure');
    expect(reasonKind('the handler refused it: db.internal:27017 said no')).toBe('failed');
  });
});
