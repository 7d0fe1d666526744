import { withoutAddresses } from './readiness-check';

describe('withoutAddresses', () => {
  it.each([
    ['Error: connect ECONNREFUSED 10.0.4.17:6379', 'Error: connect ECONNREFUSED <address>'],
    ['connect ECONNREFUSED ::1:27017', 'connect ECONNREFUSED <address>'],
    ['connect ECONNREFUSED [fd00::3]:4222', 'connect ECONNREFUSED <address>'],
    ['getaddrinfo ENOTFOUND mongo.internal.example', 'getaddrinfo ENOTFOUND <address>'],
    ['connection timed out to redis-primary.svc:6379 after 2000 ms', 'connection timed out to <address> after 2000 ms'],
    ['cannot reach mongodb://ops:s3cret@db.internal:27017/pipeline (timeout)', 'cannot reach <address> (timeout)'],
  ])('hides the server in %j', (reason, shown) => {
    expect(withoutAddresses(reason)).toBe(shown);
  });

  it('keeps a reason without an address as it is', () => {
    for (const reason of ['invalid payload: events.0.startedAt 2026-11-21T10:00:00Z is more than an hour in the future', 'row 3: started_at "2026-11-21 10:30" has no offset', 'at 12:34:56 and 10:30', 'started 2026-11-21T10:00 and 2026-11-21T10:00+02:00', 'not connected', 'disconnected from NATS (NATS_URL), reconnecting', 'NatsError: TIMEOUT', 'no answer within 2000 ms', 'WRONGPASS invalid username-password pair or user is disabled.']) {
      expect(withoutAddresses(reason)).toBe(reason);
    }
  });
});
