import 'reflect-metadata';
import { loadConfig } from '@lib/config';
import { runService } from '@lib/platform';
import { ClassificationModule } from './classification.module';

void runService(() => ClassificationModule.forRoot(loadConfig(process.env, { PORT: 3102 })), { name: 'classification' });
