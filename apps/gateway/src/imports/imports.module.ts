import { Module } from '@nestjs/common';

/** Import jobs (CSV, ActivityWatch exports) and the aw-server compatible watcher API. */
@Module({})
export class ImportsModule {}
