import { Global, Module } from '@nestjs/common';
import { ApiKeyRevocations } from './auth/api-key-revocations.service';
import { ApiKeyCache, ApiKeyGuard, ApiKeyVerifier } from './auth/api-key.guard';
import { RequestRateLimiter } from './auth/rate-limiter';
import { IngestClient } from './events/ingest.client';
import { BoardCalendar } from './leaderboards/board-calendar.service';

/** What every gateway feature module uses: the API key guard (with rate limits), the ingestion client and the boards' calendar. */
@Global()
@Module({
  providers: [ApiKeyGuard, ApiKeyCache, ApiKeyVerifier, ApiKeyRevocations, RequestRateLimiter, IngestClient, BoardCalendar],
  exports: [ApiKeyGuard, ApiKeyCache, ApiKeyVerifier, ApiKeyRevocations, RequestRateLimiter, IngestClient, BoardCalendar],
})
export class GatewayCoreModule {}
