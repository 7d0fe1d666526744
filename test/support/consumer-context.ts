import { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { startMessaging } from '@lib/messaging';

/** A Nest context for a test module that declares JetStream consumers, with those consumers running. */
export async function startConsumerContext(module: Type<unknown>, name: string): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(module, { logger: false });
  await app.init();
  await startMessaging(app, name);
  return app;
}
