import 'reflect-metadata';
import { loadConfig } from '@lib/config';
import { runService } from '@lib/platform';
import { GatewayModule } from './gateway.module';
import { GATEWAY_SERVICE } from './gateway.setup';

/** Starts the app; `node dist/tools/bundle/launch-app.js gateway` calls it from the app's bundle. */
export const main = (): Promise<void> => runService(() => loadConfig(process.env, { PORT: 3000 }), (config) => GatewayModule.forRoot(config), GATEWAY_SERVICE);

if (require.main === module) void main();
