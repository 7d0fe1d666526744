import { Global, Module } from '@nestjs/common';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeyRateLimiter } from './auth/rate-limiter';
import { IngestClient } from './events/ingest.client';

/** What every gateway feature module uses: the API key guard (with rate limits) and the ingestion client. */
@Global()
@Module({
  providers: [ApiKeyGuard, ApiKeyRateLimiter, IngestClient],
  exports: [ApiKeyGuard, ApiKeyRateLimiter, IngestClient],
})
export class GatewayCoreModule {}
