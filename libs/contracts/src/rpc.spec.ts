import { MongoBulkWriteError, MongoNetworkError, MongoServerSelectionError } from 'mongodb';
import { MaxRetriesPerRequestError } from 'ioredis/built/errors';
import { ErrorCode, NatsError } from 'nats';
import { parseJsonBody, RpcError, unreachableDependency } from './rpc';

describe('parseJsonBody', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('reads UTF-8 JSON, with or without a byte-order mark', () => {
    expect(parseJsonBody(bytes('{"events":[{"title":"日本語 🦄"}]}'))).toEqual({ events: [{ title: '日本語 🦄' }] });
    expect(parseJsonBody(bytes('\uFEFF{"events":[]}'))).toEqual({ events: [] });
  });

  it('reads a view into a larger buffer, not the whole buffer', () => {
    const pool = Buffer.from('xx{"a":1}yy');
    expect(parseJsonBody(pool.subarray(2, 9))).toEqual({ a: 1 });
  });

  it('answers text that is not JSON with a 400 naming the body and the reason', () => {
    const thrown = (() => {
      try {
        parseJsonBody(bytes('{"events": [1,'));
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(RpcError);
    expect(thrown).toMatchObject({ status: 400, message: expect.stringMatching(/^body is not valid JSON: .+/), details: { field: 'body' } });
  });
});

describe('unreachableDependency', () => {
  it("recognises the drivers' own errors for a server that cannot be reached", () => {
    expect(unreachableDependency(new MongoServerSelectionError('connection <monitor> to 127.0.0.1:1 timed out', { type: 'Unknown' } as never))).toBe('the database is unreachable');
    expect(unreachableDependency(new MongoNetworkError('connection refused'))).toBe('the database is unreachable');
    expect(unreachableDependency(new Error('Operation `usage_logs.find()` buffering timed out after 10000ms'))).toBe('the database is unreachable');
    expect(unreachableDependency(new MaxRetriesPerRequestError(20))).toBe('Redis is unreachable');
    expect(unreachableDependency(new Error('Connection is closed.'))).toBe('Redis is unreachable');
    expect(unreachableDependency(NatsError.errorForCode(ErrorCode.Disconnect))).toBe('NATS is unreachable');
    expect(unreachableDependency(NatsError.errorForCode(ErrorCode.ConnectionClosed))).toBe('NATS is unreachable');
    expect(unreachableDependency(NatsError.errorForCode(ErrorCode.Timeout))).toBe('NATS did not answer');
  });

  it('recognises an insertMany that could not reach the database, wrapped in a MongoBulkWriteError, from one the server refused (before: neither)', () => {
    const result = {} as never; // what was written: nothing here
    expect(unreachableDependency(new MongoBulkWriteError(new MongoServerSelectionError('connect ECONNREFUSED 127.0.0.1:1', { type: 'Unknown' } as never) as never, result))).toBe('the database is unreachable');
    expect(unreachableDependency(new MongoBulkWriteError(new MongoNetworkError('connect ECONNREFUSED 127.0.0.1:1', { beforeHandshake: true }) as never, result))).toBe('the database is unreachable');
    expect(unreachableDependency(new MongoBulkWriteError({ message: 'E11000 duplicate key', code: 11000, writeErrors: [{ index: 0, code: 11000 }] } as never, result))).toBeUndefined();
  });

  it('tells a JetStream that answers no publish (503: a NATS server out of storage turns it off) from a failure of ours (before: 500 "internal error")', () => {
    expect(unreachableDependency(NatsError.errorForCode(ErrorCode.JetStreamNotEnabled))).toBe(
      "JetStream is not answering (its NATS server may have turned it off, e.g. out of storage: see that server's log)",
    );
  });

  it("tells JetStream's own failure to answer an API request (a stream offline or without quorum in a cluster) from a failure of ours (before: 500 \"internal error\")", () => {
    // What nats.js throws for `{ error: { code: 500, err_code: 10118, description: "stream is offline" } }`.
    expect(unreachableDependency(new NatsError('stream is offline', '500'))).toBe('JetStream could not answer (stream is offline)');
    // A request JetStream refuses for what it asks is no outage.
    expect(unreachableDependency(new NatsError('bad request', '400'))).toBeUndefined();
  });

  it('leaves every other error a failure of ours', () => {
    expect(unreachableDependency(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBeUndefined();
    expect(unreachableDependency(new RpcError(400, 'limit must be an integer'))).toBeUndefined();
    expect(unreachableDependency('a string')).toBeUndefined();
    expect(unreachableDependency(NatsError.errorForCode(ErrorCode.BadSubject))).toBeUndefined();
  });
});
