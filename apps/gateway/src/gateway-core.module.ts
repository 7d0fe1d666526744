import { Global, Module } from '@nestjs/common';
import { ApiKeyGuard } from './auth/api-key.guard';
import { IngestClient } from './events/ingest.client';

/** What every gateway feature module uses: the API key guard and the ingestion client. */
@Global()
@Module({
  providers: [ApiKeyGuard, IngestClient],
  exports: [ApiKeyGuard, IngestClient],
})
export class GatewayCoreModule {}
