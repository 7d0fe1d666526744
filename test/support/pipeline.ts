import { DynamicModule, INestApplication } from '@nestjs/common';
import Redis from 'ioredis';
import { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { AppConfig } from '@lib/config';
import { ApiKeyRepository, ApiKeyScope } from '@lib/persistence';
import { createService, ServiceOptions } from '@lib/platform';
import { ClassificationModule } from '../../apps/classification/src/classification.module';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { GATEWAY_SERVICE } from '../../apps/gateway/src/gateway.setup';
import { InferenceModule } from '../../apps/inference/src/inference.module';
import { IngestionModule } from '../../apps/ingestion/src/ingestion.module';
import { LeaderboardModule } from '../../apps/leaderboard/src/leaderboard.module';
import { launchApp } from '../../tools/infra/src';
import { configEnv } from './test-config';

export type { AppName } from '../../tools/infra/src';
import type { AppName } from '../../tools/infra/src';

const modules: Record<AppName, (config: AppConfig) => DynamicModule> = {
  gateway: (c) => GatewayModule.forRoot(c),
  ingestion: (c) => IngestionModule.forRoot(c),
  classification: (c) => ClassificationModule.forRoot(c),
  inference: (c) => InferenceModule.forRoot(c),
  leaderboard: (c) => LeaderboardModule.forRoot(c),
};

export interface RunningPipeline {
  apps: Partial<Record<AppName, INestApplication>>;
  /** Base URL of the in-process gateway, when started. */
  url: string;
  close(): Promise<void>;
}

/** Runs the chosen apps in this process, each listening on a random port. */
export async function startPipeline(config: AppConfig, names: AppName[] = ['gateway', 'ingestion', 'classification', 'inference', 'leaderboard']): Promise<RunningPipeline> {
  const apps: Partial<Record<AppName, INestApplication>> = {};
  for (const name of names) {
    const options: ServiceOptions = name === 'gateway' ? GATEWAY_SERVICE : { name };
    const app = await createService(modules[name](config), options);
    await app.listen(0, '127.0.0.1');
    apps[name] = app;
  }
  const url = apps.gateway ? (await apps.gateway.getUrl()).replace('[::1]', '127.0.0.1') : '';
  return {
    apps,
    url,
    async close() {
      for (const app of Object.values(apps).reverse()) await app.close();
    },
  };
}

export async function createApiKey(app: INestApplication, scopes: ApiKeyScope[], userId?: string): Promise<string> {
  return (await app.get(ApiKeyRepository).create(`test ${scopes.join('+')}`, scopes, userId)).key;
}

/** Runs an app from the compiled build (`npm run build`) as a child process, for kill tests. */
export async function spawnApp(name: AppName, config: AppConfig, port: number): Promise<ChildProcess> {
  return (await launchApp(join(__dirname, '..', '..'), name, { ...process.env, ...configEnv(config) }, port)).process;
}

/** What `usePipeline` gives a describe block; read it inside tests (it is filled in beforeAll). */
export interface PipelineFixture {
  config: AppConfig;
  pipeline: RunningPipeline;
  /** An admin API key. */
  admin: string;
  redis: Redis;
}

/** The whole pipeline for one describe block: started before its tests with an admin key and a Redis client, closed after them. */
export function usePipeline(config: () => AppConfig): PipelineFixture {
  const fixture = {} as PipelineFixture;
  beforeAll(async () => {
    fixture.config = config();
    fixture.pipeline = await startPipeline(fixture.config);
    fixture.admin = await createApiKey(fixture.pipeline.apps.gateway!, ['admin']);
    fixture.redis = new Redis(fixture.config.REDIS_URL);
  });
  afterAll(async () => {
    fixture.redis?.disconnect();
    await fixture.pipeline?.close();
  });
  return fixture;
}
