import 'reflect-metadata';
import { loadConfig } from '@lib/config';
import { runService } from '@lib/platform';
import { IngestionModule } from './ingestion.module';

/** Starts the app; `node dist/tools/bundle/launch-app.js ingestion` calls it from the app's bundle. */
export const main = (): Promise<void> => runService(() => loadConfig(process.env, { PORT: 3101 }), (config) => IngestionModule.forRoot(config), { name: 'ingestion' });

if (require.main === module) void main();
