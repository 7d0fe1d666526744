import { Global, Module } from '@nestjs/common';
import { ApiKeyRevocations } from './auth/api-key-revocations.service';
import { ApiKeyCache, ApiKeyGuard, ApiKeyVerifier } from './auth/api-key.guard';
import { RequestRateLimiter } from './auth/rate-limiter';
import { IngestClient } from './events/ingest.client';

/** What every gateway feature module uses: the API key guard (with rate limits) and the ingestion client. */
@Global()
@Module({
  providers: [ApiKeyGuard, ApiKeyCache, ApiKeyVerifier, ApiKeyRevocations, RequestRateLimiter, IngestClient],
  exports: [ApiKeyGuard, ApiKeyCache, ApiKeyVerifier, ApiKeyRevocations, RequestRateLimiter, IngestClient],
})
export class GatewayCoreModule {}
