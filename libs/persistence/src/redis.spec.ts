import { Logger } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { EventEmitter } from 'node:events';
import Redis from 'ioredis';
import { MaxRetriesPerRequestError } from 'ioredis/built/errors';
import { PING_TIMEOUT_MS } from './ping-within';
import { unreachableDependency } from '@lib/contracts';
import { explainedRedisError, logConnectionState, RedisHealthIndicator } from './redis';

describe('logConnectionState', () => {
  afterEach(() => jest.useRealTimers());

  it('logs a failure once per interval and the recovery once, naming REDIS_URL as configured without the password (before: the host alone)', () => {
    jest.useFakeTimers({ now: 0 });
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const client = new EventEmitter();
    logConnectionState(client as unknown as Redis, 'redis://:secret@10.0.0.5:6379/0');

    const refused = new Error('connect ECONNREFUSED 10.0.0.5:6379');
    client.emit('error', refused);
    jest.setSystemTime(5_000);
    client.emit('error', refused);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith({ msg: 'redis unreachable', REDIS_URL: 'redis://:***@10.0.0.5:6379/0', error: 'connect ECONNREFUSED 10.0.0.5:6379' });
    jest.setSystemTime(10_001);
    client.emit('error', refused);
    expect(warn).toHaveBeenCalledTimes(2);

    client.emit('ready');
    expect(log).toHaveBeenCalledWith({ msg: 'redis connection restored', REDIS_URL: 'redis://:***@10.0.0.5:6379/0' });
    client.emit('ready');
    expect(log).toHaveBeenCalledTimes(1);
    // A new failure after the recovery is reported at once.
    client.emit('error', refused);
    expect(warn).toHaveBeenCalledTimes(3);
    warn.mockRestore();
    log.mockRestore();
  });

  it('says that a server at REDIS_URL answers not as Redis does, once per interval: it logged ioredis\' "Please report this." and a give-up line in turn, every 2 s', () => {
    jest.useFakeTimers({ now: 0 });
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const client = new EventEmitter();
    logConnectionState(client as unknown as Redis, 'redis://127.0.0.1:4222');
    const garbled = new Error('Protocol error, got "I" as reply type byte. Please report this.');
    client.emit('error', garbled);
    jest.setSystemTime(2_000);
    client.emit('error', new MaxRetriesPerRequestError(2));
    jest.setSystemTime(4_000);
    client.emit('error', garbled);
    expect(warn.mock.calls).toEqual([
      [{ msg: 'redis unreachable', REDIS_URL: 'redis://127.0.0.1:4222', error: 'the server does not answer as Redis does (its reply began with "I"): is REDIS_URL the address of another server?' }],
    ]);
    warn.mockRestore();
  });

  it('says once that it connected, naming REDIS_URL (before: nothing, where NATS said it)', () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const client = new EventEmitter();
    logConnectionState(client as unknown as Redis, 'redis://cache:6379/2?password=s3cret');
    client.emit('ready');
    client.emit('ready');
    expect(log.mock.calls).toEqual([[{ msg: 'connected to Redis', REDIS_URL: 'redis://cache:6379/2?password=***' }]]);
    log.mockRestore();
  });
});

describe('RedisHealthIndicator', () => {
  it("bounds Redis' readiness check: a frozen Redis is down within the bound, not after the client's command timeout", async () => {
    const frozen = { ping: () => new Promise(() => undefined) } as unknown as Redis;
    const started = Date.now();
    const result = await new RedisHealthIndicator(frozen, new HealthIndicatorService()).check();
    expect(Date.now() - started).toBeLessThan(PING_TIMEOUT_MS + 500);
    expect(result).toEqual({ redis: { status: 'down', message: `Error: no answer to ping within ${PING_TIMEOUT_MS} ms` } });
  }, 5_000);

  it('says at once that a Redis it cannot connect to is disconnected, with the reason, and up once it is ready', async () => {
    const client = Object.assign(new EventEmitter(), { status: 'reconnecting', ping: () => Promise.reject(new MaxRetriesPerRequestError(2)) });
    const redis = logConnectionState(client as unknown as Redis, 'redis://10.0.0.5:6379');
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    client.emit('error', new Error('connect ECONNREFUSED 10.0.0.5:6379'));
    warn.mockRestore();
    const indicator = new RedisHealthIndicator(redis, new HealthIndicatorService());
    // Before: "MaxRetriesPerRequestError: Reached the max retries per request limit (which is 2). Refer to …", or "no answer to ping within 1500 ms".
    expect(await indicator.check()).toEqual({ redis: { status: 'down', message: 'disconnected from Redis (REDIS_URL), reconnecting: connect ECONNREFUSED 10.0.0.5:6379' } });
    Object.assign(client, { status: 'ready', ping: () => Promise.resolve('PONG') });
    client.emit('ready');
    expect(await indicator.check()).toEqual({ redis: { status: 'up' } });
  });
});

describe('explainedRedisError', () => {
  const url = 'redis://:secret@10.0.0.5:6379/0';

  it("says that Redis failed, where and how, where ioredis' words named neither, keeping what tells an unreachable server apart", () => {
    const gaveUp = explainedRedisError(new MaxRetriesPerRequestError(2), 'applyAllOnce', url) as Error;
    expect(String(gaveUp)).toBe('MaxRetriesPerRequestError: Redis at REDIS_URL=redis://:***@10.0.0.5:6379/0 is unreachable: applyAllOnce was not sent (its log says why)');
    expect(unreachableDependency(gaveUp)).toBe('Redis is unreachable');
    expect(String(explainedRedisError(new Error('Command timed out'), 'page', url))).toBe(
      'Error: Redis at REDIS_URL=redis://:***@10.0.0.5:6379/0 did not answer page within 10 s: is it hung or overloaded?',
    );
    // Before, as Redis said it: which server, which setting and what to do were left to guess.
    const refused = Object.assign(new Error('NOREPLICAS Not enough good replicas to write.'), { name: 'ReplyError' });
    expect(String(explainedRedisError(refused, 'applyAllOnce', url))).toBe(
      'ReplyError: Redis at REDIS_URL=redis://:***@10.0.0.5:6379/0 refuses writes (NOREPLICAS: fewer of its replicas answer than its min-replicas-to-write asks): applyAllOnce failed. Bring its replicas back or lower min-replicas-to-write on that server',
    );
    expect(String(explainedRedisError(new Error("READONLY You can't write against a read only replica."), 'applyAllOnce', url))).toContain('is a read-only replica and refuses writes (READONLY): applyAllOnce failed. Point REDIS_URL at the primary');
    expect(String(explainedRedisError(new Error('MISCONF Redis is configured to save RDB snapshots, but it is currently not able to persist on disk.'), 'applyAllOnce', url))).toContain(
      'refuses writes since it cannot save its snapshot to disk (MISCONF, stop-writes-on-bgsave-error)',
    );
    expect(String(explainedRedisError(new Error('LOADING Redis is loading the dataset in memory'), 'page', url))).toContain('is loading its data from disk after a restart (LOADING): page failed. Retry shortly');
    const other = new Error('WRONGTYPE Operation against a key holding the wrong kind of value');
    expect(explainedRedisError(other, 'page', url)).toBe(other);
  });
});
