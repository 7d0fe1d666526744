import { StoredDeadLetter } from './dead-letter.store';
import { decodePayload, detail, matches, replayHeaders, replayMsgId, summarize } from './dead-letter.view';

const letter = (headers: Record<string, string>, data: Uint8Array = Buffer.from('{"id":"e1"}')): StoredDeadLetter => ({
  seq: 7,
  subject: 'ap.dlq.leaderboard',
  storedAt: new Date('2026-11-22T10:00:01Z'),
  headers,
  data,
});

const firstFailure = {
  'ap-correlation-id': 'corr-1',
  'ap-lane': 'live',
  'ap-ingested-at': '1795000000000',
  'ap-dlq-reason': 'failed 8 deliveries: Redis down',
  'ap-dlq-stage': 'leaderboard',
  'ap-dlq-subject': 'ap.classified',
  'ap-dlq-stream': 'AP_CLASSIFIED',
  'ap-dlq-stream-seq': '41',
  'ap-dlq-deliveries': '8',
  'ap-dlq-failed-at': '2026-11-22T10:00:00.000Z',
};

describe('dead letter view', () => {
  it('summarizes a first failure: origin is its own stream position, first = last failure', () => {
    expect(summarize(letter(firstFailure), 'leaderboard')).toEqual({
      id: 7,
      stage: 'leaderboard',
      reason: 'failed 8 deliveries: Redis down',
      subject: 'ap.classified',
      stream: 'AP_CLASSIFIED',
      streamSeq: 41,
      deliveries: 8,
      firstFailedAt: '2026-11-22T10:00:00.000Z',
      lastFailedAt: '2026-11-22T10:00:00.000Z',
      replays: 0,
      origin: 'AP_CLASSIFIED:41',
      correlationId: 'corr-1',
      sizeBytes: 11,
    });
  });

  it('replays with the original headers, minus ap-dlq-* and ap-ingested-at, plus the replay story', () => {
    expect(replayHeaders(letter(firstFailure))).toEqual({
      'ap-correlation-id': 'corr-1',
      'ap-lane': 'live',
      'ap-replay-origin': 'AP_CLASSIFIED:41',
      'ap-first-failed-at': '2026-11-22T10:00:00.000Z',
      'ap-replay-count': '1',
    });
    expect(replayMsgId(letter(firstFailure))).toMatch(/^replay:7:[\w-]{16}$/);
  });

  it("names a replay by the letter's number and what it holds: a stream numbered from 1 again gives other letters the same numbers", () => {
    expect(replayMsgId(letter(firstFailure))).toBe(replayMsgId(letter(firstFailure)));
    expect(replayMsgId(letter(firstFailure, Buffer.from('{"id":"e2"}')))).not.toBe(replayMsgId(letter(firstFailure)));
  });

  it('keeps the first failure and origin of a message that failed again after a replay', () => {
    const again = letter({
      ...replayHeaders(letter(firstFailure)),
      'ap-dlq-reason': 'failed 8 deliveries: Redis down',
      'ap-dlq-stream': 'AP_CLASSIFIED',
      'ap-dlq-stream-seq': '97',
      'ap-dlq-failed-at': '2026-11-22T11:30:00.000Z',
    });
    expect(summarize(again, 'leaderboard')).toMatchObject({ streamSeq: 97, origin: 'AP_CLASSIFIED:41', firstFailedAt: '2026-11-22T10:00:00.000Z', lastFailedAt: '2026-11-22T11:30:00.000Z', replays: 1 });
    expect(replayHeaders(again)['ap-replay-count']).toBe('2');
  });

  it('shows the payload as JSON, text or base64, and the original headers only', () => {
    expect(decodePayload(Buffer.from('{"a":[1]}'))).toEqual({ encoding: 'json', value: { a: [1] } });
    expect(decodePayload(Buffer.from('not json'))).toEqual({ encoding: 'text', value: 'not json' });
    expect(decodePayload(Buffer.from([0xc3, 0x28]))).toEqual({ encoding: 'base64', value: 'wyg=' });
    expect(Object.keys(detail(letter(firstFailure), 'leaderboard').headers)).toEqual(['ap-correlation-id', 'ap-lane', 'ap-ingested-at']);
  });

  it('filters by subject substring and case-insensitive reason substring', () => {
    const summary = summarize(letter(firstFailure), 'leaderboard');
    expect(matches(summary, {})).toBe(true);
    expect(matches(summary, { subject: '.classified', reason: 'REDIS' })).toBe(true);
    expect(matches(summary, { subject: 'events' })).toBe(false);
    expect(matches(summary, { reason: 'mongo' })).toBe(false);
  });
});
