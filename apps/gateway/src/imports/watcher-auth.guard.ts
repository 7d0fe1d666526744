import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { WatcherPrincipal } from '@lib/contracts';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { HeaderSink, RequestRateLimiter } from '../auth/rate-limiter';

export type WatcherRequest = AuthenticatedRequest & { watcher?: WatcherPrincipal; id?: string; ip?: string; socket?: { remoteAddress?: string } };

/**
 * Watchers authenticate as recent aw-server accepts: `Authorization: Bearer <key>` (an ingest key
 * bound to a user; the ApiKeyGuard checks it as everywhere). A request with no key at all goes on
 * as keyless, within a budget per client address (KEYLESS_RATE_LIMIT_PER_MIN): ingestion then
 * takes the user from the bucket's hostname mapping, or refuses it.
 */
@Injectable()
export class WatcherAuthGuard implements CanActivate {
  constructor(private readonly apiKeys: ApiKeyGuard, private readonly rateLimiter: RequestRateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WatcherRequest>();
    if (request.headers['x-api-key'] === undefined && request.headers.authorization === undefined) {
      await this.rateLimiter.consumeForKeylessAddress(request.ip ?? request.socket?.remoteAddress ?? 'unknown', context.switchToHttp().getResponse<HeaderSink>());
      request.watcher = { keyless: true };
      return true;
    }
    await this.apiKeys.canActivate(context);
    const userId = request.apiKey!.userId;
    if (!userId) {
      throw new ForbiddenException('this API key is not bound to a user; ActivityWatch watchers need one (npm run apikey -- create --name laptop --scopes ingest --user USER_ID)');
    }
    request.watcher = { userId };
    return true;
  }
}
