import { Module } from '@nestjs/common';
import { ActivityWatchController } from './activitywatch.controller';
import { ActivityWatchListener } from './activitywatch.listener';
import { ImportUploadService } from './import-upload.service';
import { ImportsController } from './imports.controller';
import { ImportsResolver } from './imports.resolver';
import { StalledUploadSweeper } from './stalled-upload.sweeper';
import { WatcherAuthGuard } from './watcher-auth.guard';
import { WatchersController } from './watchers.controller';

/** Import jobs (CSV, ActivityWatch exports) and the aw-server compatible watcher API. */
@Module({
  controllers: [ImportsController, WatchersController, ActivityWatchController],
  providers: [ImportUploadService, StalledUploadSweeper, ImportsResolver, WatcherAuthGuard, ActivityWatchListener],
})
export class ImportsModule {}
