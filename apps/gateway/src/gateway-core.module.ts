import { Global, Module } from '@nestjs/common';
import { ApiKeyCache, ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeyRateLimiter } from './auth/rate-limiter';
import { IngestClient } from './events/ingest.client';

/** What every gateway feature module uses: the API key guard (with rate limits) and the ingestion client. */
@Global()
@Module({
  providers: [ApiKeyGuard, ApiKeyCache, ApiKeyRateLimiter, IngestClient],
  exports: [ApiKeyGuard, ApiKeyCache, ApiKeyRateLimiter, IngestClient],
})
export class GatewayCoreModule {}
