import 'reflect-metadata';
import { loadConfig } from '@lib/config';
import { runService } from '@lib/platform';
import { ClassificationModule } from './classification.module';

/** Starts the app; `node dist/tools/bundle/launch-app.js classification` calls it from the app's bundle. */
export const main = (): Promise<void> => runService(() => loadConfig(process.env, { PORT: 3102 }), (config) => ClassificationModule.forRoot(config), { name: 'classification' });

if (require.main === module) void main();
