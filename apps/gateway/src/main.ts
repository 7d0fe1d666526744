import 'reflect-metadata';
import { loadConfig } from '@lib/config';
import { runService } from '@lib/platform';
import { GatewayModule } from './gateway.module';
import { configureGateway } from './gateway.setup';

void runService(() => GatewayModule.forRoot(loadConfig(process.env, { PORT: 3000 })), { name: 'gateway', configure: configureGateway });
