import 'reflect-metadata';
import { loadConfig } from '@lib/config';
import { runService } from '@lib/platform';
import { IngestionModule } from './ingestion.module';

void runService(() => IngestionModule.forRoot(loadConfig(process.env, { PORT: 3101 })), { name: 'ingestion' });
