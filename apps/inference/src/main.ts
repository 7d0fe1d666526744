import 'reflect-metadata';
import { loadConfig } from '@lib/config';
import { runService } from '@lib/platform';
import { InferenceModule } from './inference.module';

/** Starts the app; `node dist/tools/bundle/launch-app.js inference` calls it from the app's bundle. */
export const main = (): Promise<void> => runService(() => loadConfig(process.env, { PORT: 3103 }), (config) => InferenceModule.forRoot(config), { name: 'inference' });

if (require.main === module) void main();
