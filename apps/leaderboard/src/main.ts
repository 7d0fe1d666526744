import 'reflect-metadata';
import { loadConfig } from '@lib/config';
import { runService } from '@lib/platform';
import { LeaderboardModule } from './leaderboard.module';

/** Starts the app; `node dist/tools/bundle/launch-app.js leaderboard` calls it from the app's bundle. */
export const main = (): Promise<void> => runService(() => loadConfig(process.env, { PORT: 3104 }), (config) => LeaderboardModule.forRoot(config), { name: 'leaderboard' });

if (require.main === module) void main();
