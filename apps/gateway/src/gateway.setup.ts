import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Server } from 'node:http';
import { AppConfig } from '@lib/config';

/** HTTP settings of the public door: body limit, request time limit, trusted proxies, OpenAPI at /docs. Shared by main and tests. */
export function configureGateway(app: INestApplication, config: AppConfig): void {
  (app as NestExpressApplication).useBodyParser('json', { limit: config.BODY_LIMIT_BYTES });
  (app.getHttpServer() as Server).requestTimeout = config.HTTP_REQUEST_TIMEOUT_SEC * 1000;
  trustProxies(app as NestExpressApplication, config.TRUST_PROXY);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('activity-pipeline')
      .setDescription('Activity events in, categorized time and live leaderboards out')
      .setVersion('1')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key')
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
}

/** Express's `trust proxy` from TRUST_PROXY; an address Express cannot read stops the boot, naming the variable. */
function trustProxies(app: NestExpressApplication, setting: string): void {
  if (setting === '') return;
  try {
    app.set('trust proxy', /^\d+$/.test(setting) ? Number(setting) : setting);
  } catch (error) {
    throw new Error(`TRUST_PROXY: ${(error as Error).message}`);
  }
}
