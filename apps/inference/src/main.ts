import 'reflect-metadata';
import { loadConfig } from '@lib/config';
import { runService } from '@lib/platform';
import { InferenceModule } from './inference.module';

void runService(() => InferenceModule.forRoot(loadConfig(process.env, { PORT: 3103 })), { name: 'inference' });
