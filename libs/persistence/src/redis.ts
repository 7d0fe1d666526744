import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import Redis from 'ioredis';
import { MaxRetriesPerRequestError } from 'ioredis/built/errors';
import { AppConfig, cannotReach, FailFastConnect, maskedUrl } from '@lib/config';
import { ReadinessCheck } from '@lib/observability';
import { pingWithin } from './ping-within';

export const REDIS = Symbol('REDIS');

@Injectable()
class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Injectable()
export class RedisHealthIndicator implements ReadinessCheck {
  readonly name = 'redis';

  constructor(@Inject(REDIS) private readonly redis: Redis, private readonly health: HealthIndicatorService) {}

  async check() {
    const session = this.health.check(this.name);
    // Said at once, as NATS' check says it: a ping only failed after the client's retries, reading
    // "MaxRetriesPerRequestError: Reached the max retries per request limit (which is 2)…", or
    // after the bound, "no answer to ping within 1500 ms", depending on when it was asked.
    const failure = connectionFailures.get(this.redis);
    if (failure !== undefined && this.redis.status !== 'ready') return session.down({ message: `disconnected from Redis (REDIS_URL), reconnecting: ${failure}` });
    try {
      // Bounded as Mongo's: a frozen Redis held /health/ready for the client's 10 s command timeout.
      await pingWithin(this.redis.ping());
      return session.up();
    } catch (error) {
      return session.down({ message: String(error) });
    }
  }
}

/** Each client's last connection error since it was last ready (logConnectionState), for its readiness check. */
const connectionFailures = new WeakMap<Redis, string>();

/** While Redis stays unreachable ioredis reports every reconnect attempt: one line per this many ms. */
const UNREACHABLE_LOG_INTERVAL_MS = 10_000;

/**
 * Connection failures as the app's own log lines (JSON in the services), not ioredis' "Unhandled
 * error event" with a stack on stderr for each reconnect attempt; the same failure at most once
 * per UNREACHABLE_LOG_INTERVAL_MS, a line when the connection is back, and one when it is first
 * made. Each names REDIS_URL as configured, password masked: the host alone (`10.0.0.5:6379`)
 * matched no setting, and left out the database and the scheme (rediss://).
 */
export function logConnectionState(redis: Redis, url: string): Redis {
  const logger = new Logger('Redis');
  const REDIS_URL = maskedUrl(url);
  let lastLogged = { message: '', at: 0 };
  let connected = false;
  redis.on('error', (error: Error) => {
    // Commands given up while the connection fails: the connection's own error says why, and
    // alternating with it this one made the limit below log both every 2 s.
    if (error instanceof MaxRetriesPerRequestError) return;
    const message = explainedFailure(error.message);
    connectionFailures.set(redis, message);
    const now = Date.now();
    if (message === lastLogged.message && now - lastLogged.at < UNREACHABLE_LOG_INTERVAL_MS) return;
    lastLogged = { message, at: now };
    logger.warn({ msg: 'redis unreachable', REDIS_URL, error: message });
  });
  redis.on('ready', () => {
    connectionFailures.delete(redis);
    if (lastLogged.message) logger.log({ msg: 'redis connection restored', REDIS_URL });
    else if (!connected) logger.log({ msg: 'connected to Redis', REDIS_URL });
    connected = true;
    lastLogged = { message: '', at: 0 };
  });
  return redis;
}

/**
 * ioredis' words for a server that is no Redis (REDIS_URL on NATS' or Mongo's port), which end
 * "Please report this.", as if a bug of the client: said as the mistake it likely is.
 */
function explainedFailure(message: string): string {
  const garbled = /^Protocol error, got (".*") as reply type byte/.exec(message);
  return garbled ? `the server does not answer as Redis does (its reply began with ${garbled[1]}): is REDIS_URL the address of another server?` : message;
}

/** How long a command waits for Redis' answer before it fails (a hung or overloaded server). */
export const REDIS_COMMAND_TIMEOUT_MS = 10_000;

/**
 * A failed command's error saying that Redis failed, at which REDIS_URL and how, where ioredis and
 * Redis said "Command timed out", "MaxRetriesPerRequestError: Reached the max retries per request
 * limit (which is 2). Refer to …" or "OOM command not allowed when used memory > 'maxmemory'.
 * script: <sha>, on @user_script:41." (what a consumer's "batch failed" lines read), and Redis'
 * refusals for its state (refusedWrite). Keeps the
 * error's name, which tells an unreachable server from our failures (unreachableDependency).
 */
export function explainedRedisError(error: unknown, operation: string, url: string): unknown {
  if (!(error instanceof Error)) return error;
  const at = `Redis at REDIS_URL=${maskedUrl(url)}`;
  let explained: string | undefined;
  if (error instanceof MaxRetriesPerRequestError) explained = `${at} is unreachable: ${operation} was not sent (its log says why)`;
  else if (error.message === 'Command timed out') explained = `${at} did not answer ${operation} within ${REDIS_COMMAND_TIMEOUT_MS / 1000} s: is it hung or overloaded?`;
  else if (error.message.startsWith('OOM ')) {
    explained = `${at} is out of memory and refuses writes (maxmemory reached, maxmemory-policy noeviction): ${operation} failed. Free memory or raise maxmemory on that server`;
  } else explained = refusedWrite(error.message.split(' ', 1)[0], at, operation);
  if (explained === undefined) return error;
  const wrapped = new Error(explained, { cause: error });
  wrapped.name = error.name;
  return wrapped;
}

/**
 * Redis' refusals of a command for the state it is in, by their error code (kept in the message, as
 * operators search for it), said as what to do on that server: its own words ("NOREPLICAS Not enough good replicas to write.") named no server and
 * no setting, and reached the logs and the dead letters' reasons as written.
 */
function refusedWrite(code: string, at: string, operation: string): string | undefined {
  switch (code) {
    case 'NOREPLICAS':
      return `${at} refuses writes (NOREPLICAS: fewer of its replicas answer than its min-replicas-to-write asks): ${operation} failed. Bring its replicas back or lower min-replicas-to-write on that server`;
    case 'READONLY':
      return `${at} is a read-only replica and refuses writes (READONLY): ${operation} failed. Point REDIS_URL at the primary`;
    case 'MISCONF':
      return `${at} refuses writes since it cannot save its snapshot to disk (MISCONF, stop-writes-on-bgsave-error): ${operation} failed. See that server's log (disk full or not writable?)`;
    case 'MASTERDOWN':
      return `${at} is a replica that lost its primary and refuses reads (MASTERDOWN, replica-serve-stale-data no): ${operation} failed. Bring the primary back or point REDIS_URL at it`;
    case 'LOADING':
      return `${at} is loading its data from disk after a restart (LOADING): ${operation} failed. Retry shortly`;
    default:
      return undefined;
  }
}

/**
 * Resolves once `redis` is ready; at its first connection error, or after `timeoutMs` without an
 * answer, disconnects it and rejects naming REDIS_URL (a command-line tool's start: an app lets
 * ioredis reconnect for ever).
 */
function readyOrUnreachable(redis: Redis, url: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      clearTimeout(timer);
      redis.off('ready', onReady).off('error', settle);
      if (!error) return resolve();
      redis.disconnect();
      reject(cannotReach('REDIS_URL', url, explainedFailure(error.message)));
    };
    const onReady = () => settle();
    const timer = setTimeout(() => settle(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    redis.once('ready', onReady).once('error', settle);
  });
}

/**
 * One ioredis client per app. Commands fail instead of queueing forever while Redis is down or
 * stuck, so a consumer's batch fails and is retried with backoff (and dead-lettered after
 * MAX_DELIVERIES) rather than stalling silently; the client keeps reconnecting meanwhile.
 */
@Global()
@Module({
  imports: [TerminusModule],
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig, { token: FailFastConnect, optional: true }],
      useFactory: async (config: AppConfig, failFast?: FailFastConnect) => {
        // No auto-pipelining: it holds each command to the next tick to batch it, which doubled the
        // latency of a lone top-100 read (p50 0.35 → 0.75 ms measured); concurrent commands are
        // pipelined on the socket anyway, and the writer's work is a few large script calls.
        const redis = logConnectionState(new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, commandTimeout: REDIS_COMMAND_TIMEOUT_MS }), config.REDIS_URL);
        if (failFast) await readyOrUnreachable(redis, config.REDIS_URL, failFast.timeoutMs);
        return redis;
      },
    },
    RedisLifecycle,
    RedisHealthIndicator,
  ],
  exports: [REDIS, RedisHealthIndicator],
})
export class RedisModule {}
