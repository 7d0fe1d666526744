import { Module } from '@nestjs/common';
import { ActivityWatchController } from './activitywatch.controller';
import { ActivityWatchListener } from './activitywatch.listener';
import { ImportUploadService } from './import-upload.service';
import { ImportsController } from './imports.controller';
import { ImportsResolver } from './imports.resolver';
import { StalledUploadSweeper } from './stalled-upload.sweeper';
import { WatcherAuthGuard } from './watcher-auth.guard';
import { WatcherHostsService } from './watcher-hosts.service';
import { WatchersController } from './watchers.controller';
import { WatchersResolver } from './watchers.resolver';

/** Import jobs (CSV, ActivityWatch exports) and the aw-server compatible watcher API. */
@Module({
  controllers: [ImportsController, WatchersController, ActivityWatchController],
  providers: [ImportUploadService, StalledUploadSweeper, ImportsResolver, WatcherHostsService, WatchersResolver, WatcherAuthGuard, ActivityWatchListener],
})
export class ImportsModule {}
