import 'reflect-metadata';
import { loadConfig } from '@lib/config';
import { runService } from '@lib/platform';
import { LeaderboardModule } from './leaderboard.module';

void runService(() => LeaderboardModule.forRoot(loadConfig(process.env, { PORT: 3104 })), { name: 'leaderboard' });
