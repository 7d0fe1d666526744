import { CanActivate, ExecutionContext, ForbiddenException, Injectable, Logger, Optional, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { LRUCache } from 'lru-cache';
import { clientSafeReason } from '@lib/messaging';
import { ApiKey, ApiKeyRepository, ApiKeyScope } from '@lib/persistence';
import { orAfter } from '@lib/platform';
import { DEPENDENCY_RETRY_AFTER_SEC } from '../error-body';
import { HeaderSink, RateLimitedException, RequestRateLimiter } from './rate-limiter';
import { REQUIRED_SCOPE } from './scopes.decorator';

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  apiKey?: ApiKey;
}

export const MISSING_KEY = 'missing API key: send x-api-key or Authorization: Bearer <key>';
export const INVALID_KEY = 'invalid or revoked API key';

/** What every key looks like (ApiKeyRepository: `ap_<id>_<secret>`), loosely: a value of another shape is no key at all. */
const KEY_SHAPE = /^ap_[A-Za-z0-9]+_[A-Za-z0-9_-]+$/;

/**
 * Why a request's key is refused (401), with what to change where its headers show the mistake:
 * `Authorization: <key>` without the scheme was answered "missing API key", and `x-api-key:
 * Bearer <key>` or a key copied with its JSON quotes only "invalid or revoked".
 */
export function keyRefusal(headers: AuthenticatedRequest['headers'], presented: string | undefined): string {
  if (presented === undefined) {
    const authorization = headers.authorization;
    return typeof authorization === 'string' && authorization.trim() !== ''
      ? 'Authorization holds no "Bearer <key>": send the API key as Authorization: Bearer <key>, or as x-api-key: <key>'
      : MISSING_KEY;
  }
  return KEY_SHAPE.test(presented) ? INVALID_KEY : `${INVALID_KEY}: a key looks like ap_<id>_<secret>, sent alone (no quotes, and "Bearer " only in Authorization)`;
}

/** The body (or WebSocket message) a client without a valid API key may send: /graphql introspection, keyless watchers, a connection_init. */
export const KEYLESS_BODY_LIMIT_BYTES = 64 * 1024;

/** Null results are cached too, so a flood of wrong keys does not become a flood of queries. */
const KEY_CACHE_TTL_MS = 10_000;
/** A lookup that takes longer counts as failed: a hung database must not hang every request. */
const KEY_LOOKUP_TIMEOUT_MS = 2_000;

/** A key this instance has not seen, presented while the key store cannot be read: 503 with Retry-After. */
export class KeyStoreUnavailableException extends ServiceUnavailableException {
  readonly retryAfterSec = DEPENDENCY_RETRY_AFTER_SEC;
  /** `reason` without servers or credentials: anyone presenting a made-up key reads it (the log has it whole). */
  constructor(reason: string) {
    super(`API keys cannot be checked right now (the database did not answer: ${clientSafeReason(reason)}); retry in ${DEPENDENCY_RETRY_AFTER_SEC} s`);
  }
}

/** How many keys of each kind (known, unknown) one gateway instance remembers. */
const KEY_CACHE_SIZE = 10_000;

/**
 * Looked-up keys by hash, one per gateway instance: Nest creates a guard per feature module, and
 * revoking a key (DELETE /v1/api-keys/:id) must reach all of them at once. Keys that exist and
 * keys that do not are remembered apart: in one cache, a client sending 10,000 made-up keys
 * evicted every real key's entry, and a real key without one is refused with a 503 while the
 * database fails (ApiKeyVerifier's fallback) instead of being served.
 */
@Injectable()
export class ApiKeyCache {
  // Expired entries stay (until evicted) for ApiKeyVerifier's fallback when the database fails.
  private readonly known = new LRUCache<string, ApiKey>({ max: KEY_CACHE_SIZE, ttl: KEY_CACHE_TTL_MS, noDeleteOnStaleGet: true });
  private readonly unknown = new LRUCache<string, true>({ max: KEY_CACHE_SIZE, ttl: KEY_CACHE_TTL_MS, noDeleteOnStaleGet: true });

  /** The answer remembered for a key's hash (null: no such active key); with `allowStale`, an expired one too. */
  get(hash: string, options: { allowStale?: boolean } = {}): { key: ApiKey | null } | undefined {
    const key = this.known.get(hash, options);
    if (key) return { key };
    return this.unknown.get(hash, options) ? { key: null } : undefined;
  }

  /** Remembers an answer for a key cache period (`ttlMs`, for tests) from now. */
  set(hash: string, key: ApiKey | null, ttlMs = KEY_CACHE_TTL_MS): void {
    if (key) {
      this.unknown.delete(hash);
      this.known.set(hash, key, { ttl: ttlMs });
    } else {
      this.known.delete(hash);
      this.unknown.set(hash, true, { ttl: ttlMs });
    }
  }

  forget(keyId: string): void {
    // Expired entries too (dump() has them, entries() not): they answer while the database fails.
    const revoked = this.known.dump().filter(([, entry]) => entry.value._id === keyId);
    for (const [hash] of revoked) this.known.delete(hash);
  }
}

/**
 * A presented key's active ApiKey, or null; cached, for the guard and for WebSocket connections.
 * When the database fails or hangs, the last answer this instance had for the key is used, however
 * old: events go to JetStream, not to Mongo, so ingestion keeps accepting through a Mongo outage
 * (before, every request failed with a 500 once a key's 10 s cache entry expired, after a 10 s wait).
 * A key revoked on another instance is dropped here at once too (ApiKeyRevocations), unless
 * NATS was down as well when it happened.
 */
@Injectable()
export class ApiKeyVerifier {
  private readonly logger = new Logger('ApiKeys');
  private failingSince?: number;

  /** Each request's verification, for the check before bodies and the guard (once per GraphQL field). */
  private readonly byRequest = new WeakMap<object, Promise<ApiKey | null>>();

  constructor(
    private readonly apiKeys: ApiKeyRepository,
    private readonly cache: ApiKeyCache,
    @Optional() private readonly rateLimiter?: RequestRateLimiter,
  ) {}

  /** `verify` once per request, however many checks ask; the request's client address spends the unknown keys' budget. */
  verifyFor(request: object, presented: string): Promise<ApiKey | null> {
    let verified = this.byRequest.get(request);
    if (!verified) this.byRequest.set(request, (verified = this.verify(presented, clientAddress(request))));
    return verified;
  }

  /**
   * A key this instance does not know as valid (made up, mistyped, revoked, or new here) spends one
   * of its client `address`'s UNKNOWN_KEYS_PER_MIN first, given back if the key is valid: each cost a
   * Mongo lookup, and a flood of made-up keys from one client was a flood of lookups. Past the
   * budget: RateLimitedException (429), with no lookup. A key known here, even from an expired
   * entry, spends nothing: a client behind the same address as a flood keeps working.
   */
  async verify(presented: string, address?: string): Promise<ApiKey | null> {
    const hash = ApiKeyRepository.hash(presented);
    const cached = this.cache.get(hash);
    if (cached?.key) return cached.key;
    const budgeted = address !== undefined && this.rateLimiter !== undefined && !this.cache.get(hash, { allowStale: true })?.key;
    if (budgeted) await this.rateLimiter!.consumeForUnknownKey(address);
    if (cached) return cached.key;
    const key = await this.lookUp(hash, presented);
    if (key && budgeted) await this.rateLimiter!.refundUnknownKey(address);
    return key;
  }

  private async lookUp(hash: string, presented: string): Promise<ApiKey | null> {
    let key: ApiKey | null;
    try {
      key = await orAfter(this.apiKeys.findActiveByKey(presented), KEY_LOOKUP_TIMEOUT_MS, () => {
        throw new Error(`no answer within ${KEY_LOOKUP_TIMEOUT_MS} ms`);
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (this.failingSince === undefined) {
        this.failingSince = Date.now();
        this.logger.warn({ msg: 'API key lookups fail: answering from the keys seen before', err: reason });
      }
      const stale = this.cache.get(hash, { allowStale: true });
      if (!stale) throw new KeyStoreUnavailableException(reason);
      // Fresh again for a TTL: the key's next requests do not each wait for a failing lookup.
      this.cache.set(hash, stale.key);
      return stale.key;
    }
    if (this.failingSince !== undefined) {
      this.logger.log({ msg: 'API key lookups answer again', failedForMs: Date.now() - this.failingSince });
      this.failingSince = undefined;
    }
    this.cache.set(hash, key);
    return key;
  }
}

/**
 * What each request's count in the per-key rate limit came to, for every field of one GraphQL
 * request. Module-wide: Nest creates a guard per feature module, and one request's fields may be
 * resolved by several (leaderboard and categories).
 */
const spentBy = new WeakMap<AuthenticatedRequest, Promise<void>>();

/** The client's address as Express reads it (TRUST_PROXY applied), else the socket's; none for a subscription's context. */
function clientAddress(request: object): string | undefined {
  const { ip, socket } = request as { ip?: string; socket?: { remoteAddress?: string } };
  return ip ?? socket?.remoteAddress;
}

/**
 * `x-api-key: <key>` or `Authorization: Bearer <key>`; 401 when missing or unknown/revoked,
 * 403 when the key lacks the route's scope, 429 with Retry-After over the key's rate limit.
 * Revocation takes effect at once on every instance (ApiKeyRevocations), at worst within KEY_CACHE_TTL_MS.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyVerifier,
    private readonly rateLimiter: RequestRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const scope = this.reflector.getAllAndOverride<ApiKeyScope | undefined>(REQUIRED_SCOPE, [context.getHandler(), context.getClass()]);
    if (!scope) return true;
    const request = requestOf(context);
    const presented = presentedKey(request.headers);
    if (!presented) throw new UnauthorizedException(keyRefusal(request.headers, presented));
    const key = await this.keys.verifyFor(request, presented).catch((error: unknown) => {
      if (error instanceof KeyStoreUnavailableException || error instanceof RateLimitedException) responseOf(context)?.setHeader?.('Retry-After', String(error.retryAfterSec));
      throw error;
    });
    if (!key) throw new UnauthorizedException(keyRefusal(request.headers, presented));
    if (!key.scopes.includes(scope) && !key.scopes.includes('admin')) {
      throw new ForbiddenException(`this API key lacks the "${scope}" scope (it has: ${key.scopes.join(', ')})`);
    }
    request.apiKey = key;
    // A GraphQL request runs this guard once for each field it asks for, and spent that many of
    // the key's requests (20 aliased boards: 20). A query is one request: counted once, every field
    // waiting for the same answer, so all of them pass or all get the 429. A mutation's fields are
    // each the write a REST request makes, run one after another: each counts (20 aliased
    // submitEvents of 1,000 events each were 20,000 events for one request of the budget).
    if (isMutationField(context)) {
      await this.rateLimiter.consumeForKey(key._id, responseOf(context));
      return true;
    }
    let spent = spentBy.get(request);
    if (!spent) spentBy.set(request, (spent = this.rateLimiter.consumeForKey(key._id, responseOf(context))));
    await spent;
    return true;
  }
}

function isMutationField(context: ExecutionContext): boolean {
  return context.getType<GqlContextType>() === 'graphql' && GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>().operation.operation === 'mutation';
}

export function requestOf(context: ExecutionContext): AuthenticatedRequest {
  if (context.getType<GqlContextType>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: AuthenticatedRequest }>().req;
  }
  return context.switchToHttp().getRequest<AuthenticatedRequest>();
}

function responseOf(context: ExecutionContext): HeaderSink | undefined {
  if (context.getType<GqlContextType>() === 'graphql') return GqlExecutionContext.create(context).getContext<{ res?: HeaderSink }>().res;
  return context.switchToHttp().getResponse<HeaderSink>();
}

export function presentedKey(headers: AuthenticatedRequest['headers']): string | undefined {
  const header = headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (match) return match[1];
  }
  return undefined;
}
