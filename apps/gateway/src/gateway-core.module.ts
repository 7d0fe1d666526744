import { Global, Module } from '@nestjs/common';
import { ApiKeyCache, ApiKeyGuard, ApiKeyVerifier } from './auth/api-key.guard';
import { RequestRateLimiter } from './auth/rate-limiter';
import { IngestClient } from './events/ingest.client';

/** What every gateway feature module uses: the API key guard (with rate limits) and the ingestion client. */
@Global()
@Module({
  providers: [ApiKeyGuard, ApiKeyCache, ApiKeyVerifier, RequestRateLimiter, IngestClient],
  exports: [ApiKeyGuard, ApiKeyCache, ApiKeyVerifier, RequestRateLimiter, IngestClient],
})
export class GatewayCoreModule {}
