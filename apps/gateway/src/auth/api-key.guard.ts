import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { LRUCache } from 'lru-cache';
import { ApiKey, ApiKeyRepository, ApiKeyScope } from '@lib/persistence';
import { HeaderSink, RequestRateLimiter } from './rate-limiter';
import { REQUIRED_SCOPE } from './scopes.decorator';

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  apiKey?: ApiKey;
}

const MISSING_KEY = 'missing API key: send x-api-key or Authorization: Bearer <key>';
export const INVALID_KEY = 'invalid or revoked API key';

/** Null results are cached too, so a flood of wrong keys does not become a flood of queries. */
const KEY_CACHE_TTL_MS = 10_000;

/**
 * Looked-up keys by hash, one per gateway instance: Nest creates a guard per feature module, and
 * revoking a key (DELETE /v1/api-keys/:id) must reach all of them at once.
 */
@Injectable()
export class ApiKeyCache extends LRUCache<string, { key: ApiKey | null }> {
  constructor() {
    super({ max: 10_000, ttl: KEY_CACHE_TTL_MS });
  }

  forget(keyId: string): void {
    const stale = [...this.entries()].filter(([, entry]) => entry.key?._id === keyId);
    for (const [hash] of stale) this.delete(hash);
  }
}

/** A presented key's active ApiKey, or null; cached, for the guard and for WebSocket connections. */
@Injectable()
export class ApiKeyVerifier {
  constructor(private readonly apiKeys: ApiKeyRepository, private readonly cache: ApiKeyCache) {}

  async verify(presented: string): Promise<ApiKey | null> {
    const hash = ApiKeyRepository.hash(presented);
    const cached = this.cache.get(hash);
    if (cached) return cached.key;
    const key = await this.apiKeys.findActiveByKey(presented);
    this.cache.set(hash, { key });
    return key;
  }
}

/**
 * `x-api-key: <key>` or `Authorization: Bearer <key>`; 401 when missing or unknown/revoked,
 * 403 when the key lacks the route's scope, 429 with Retry-After over the key's rate limit.
 * Revocation takes effect within KEY_CACHE_TTL_MS.
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
    if (!presented) throw new UnauthorizedException(MISSING_KEY);
    const key = await this.keys.verify(presented);
    if (!key) throw new UnauthorizedException(INVALID_KEY);
    if (!key.scopes.includes(scope) && !key.scopes.includes('admin')) {
      throw new ForbiddenException(`this API key lacks the "${scope}" scope (it has: ${key.scopes.join(', ')})`);
    }
    request.apiKey = key;
    await this.rateLimiter.consumeForKey(key._id, responseOf(context));
    return true;
  }
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
