import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';
import proxyaddr from 'proxy-addr';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '@lib/config';
import { REDIS } from '@lib/persistence';
import { orAfter } from '@lib/platform';

export class RateLimitedException extends HttpException {
  constructor(readonly retryAfterSec: number, limit: number, whose: string) {
    super({ statusCode: 429, message: `rate limit of ${limit} requests per minute for ${whose} exceeded; retry after ${retryAfterSec} s` }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** Where the 429's Retry-After header goes (an HTTP response; absent for some GraphQL transports). */
export interface HeaderSink {
  setHeader?(name: string, value: string): unknown;
}

/** One request budget per minute: its limiter, its size and how the 429 names whose it is. */
interface Budget {
  limiter: RateLimiterRedis;
  /** The same budget in this process, for while Redis fails or does not answer. */
  insurance: RateLimiterMemory;
  perMinute: number;
  whose: string;
}

/**
 * How long a request waits for Redis to count it before this process counts it instead. Redis
 * commands may take up to the client's 10 s command timeout: while Redis hung, every request,
 * ingestion included, waited 10 s here (measured: `POST /v1/events` 10.0 s with Redis stopped).
 */
const REDIS_WAIT_MS = 250;

/**
 * Request budgets shared by every gateway instance (Redis): one per API key, and one per client
 * address for ActivityWatch watchers that send no key. If Redis is down or slower than
 * REDIS_WAIT_MS, an in-process limiter with the same budget counts the request rather than
 * refusing or holding all traffic.
 */
@Injectable()
export class RequestRateLimiter {
  private readonly perKey: Budget;
  private readonly perKeylessAddress: Budget;
  private readonly unknownKeysPerAddress: Budget;
  private readonly graphqlWithoutKey: Budget;

  constructor(@Inject(REDIS) redis: Redis, config: AppConfig) {
    this.perKey = budget(redis, `${config.REDIS_PREFIX}rl`, config.RATE_LIMIT_PER_MIN, 'this API key');
    this.perKeylessAddress = budget(redis, `${config.REDIS_PREFIX}rl:keyless`, config.KEYLESS_RATE_LIMIT_PER_MIN, 'keyless watcher requests from this address');
    // As large, apart: an IDE reading the schema does not spend a watcher's heartbeats.
    this.graphqlWithoutKey = budget(redis, `${config.REDIS_PREFIX}rl:keyless-graphql`, config.KEYLESS_RATE_LIMIT_PER_MIN, 'GraphQL requests without an API key from this address');
    this.unknownKeysPerAddress = budget(redis, `${config.REDIS_PREFIX}rl:unknown-key`, config.UNKNOWN_KEYS_PER_MIN, 'API keys this gateway does not know, from this address');
  }

  /** The same for a GraphQL request without a key (introspection), by the client's address. */
  consumeForGraphqlWithoutKey(address: string): Promise<void> {
    return spend(this.graphqlWithoutKey, addressBudgetKey(address));
  }

  /** Spends one check of a key not known to be valid (UNKNOWN_KEYS_PER_MIN per address); past it, 429. */
  consumeForUnknownKey(address: string): Promise<void> {
    return spend(this.unknownKeysPerAddress, addressBudgetKey(address));
  }

  /** Gives the check back: the key was valid after all. */
  async refundUnknownKey(address: string): Promise<void> {
    const key = addressBudgetKey(address);
    await orAfter(this.unknownKeysPerAddress.limiter.reward(key), REDIS_WAIT_MS, () => this.unknownKeysPerAddress.insurance.reward(key)).catch(() => undefined);
  }

  /** Spends one request of the key's budget; past it, 429 with Retry-After set on `response`. */
  consumeForKey(keyId: string, response?: HeaderSink): Promise<void> {
    return spend(this.perKey, keyId, response);
  }

  /** The same for a keyless watcher request, budgeted by the client's address (addressBudgetKey). */
  consumeForKeylessAddress(address: string, response?: HeaderSink): Promise<void> {
    return spend(this.perKeylessAddress, addressBudgetKey(address), response);
  }
}

/**
 * The client's address as Express reads req.ip, for a request Express does not see (a WebSocket
 * upgrade): proxy-addr, Express's own reader, with the app's compiled TRUST_PROXY. Behind a proxy
 * every connection came from the proxy's address, so one client's made-up keys spent every client's budget.
 */
export function forwardedClientAddress(request: IncomingMessage, trust: (address: string, hop: number) => boolean): string {
  return proxyaddr(request, trust);
}

/**
 * Whose budget an address spends: an IPv6 address its /64 (one host or site is given a /64 at
 * least, so each of its 2^64 addresses had a budget of its own), an IPv4-mapped one its IPv4
 * address, any other address itself.
 */
export function addressBudgetKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1];
  const plain = address.replace(/%.*$/, ''); // a zone (fe80::1%eth0) is no part of the address
  if (!isIPv6(plain)) return address;
  const [head, tail] = plain.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return `${groups.slice(0, 4).map((group) => parseInt(group, 16).toString(16)).join(':')}::/64`;
}

function budget(redis: Redis, keyPrefix: string, perMinute: number, whose: string): Budget {
  const insurance = new RateLimiterMemory({ points: perMinute, duration: 60 });
  const limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix, points: perMinute, duration: 60, insuranceLimiter: insurance });
  return { limiter, insurance, perMinute, whose };
}

async function spend({ limiter, insurance, perMinute, whose }: Budget, key: string, response?: HeaderSink): Promise<void> {
  try {
    // Past the wait this process counts the request (Redis may still count it too, later).
    await orAfter(limiter.consume(key), REDIS_WAIT_MS, () => insurance.consume(key));
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const retryAfterSec = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    response?.setHeader?.('Retry-After', String(retryAfterSec));
    throw new RateLimitedException(retryAfterSec, perMinute, whose);
  }
}
