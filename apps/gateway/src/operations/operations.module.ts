import { Module } from '@nestjs/common';

/** Dead letters, API keys, the dashboard page. */
@Module({})
export class OperationsModule {}
