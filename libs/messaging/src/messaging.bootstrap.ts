import { INestApplicationContext } from '@nestjs/common';
import { ConsumerHost } from './consumer-host';
import { NatsConnectionService } from './nats-connection.service';
import { RpcServer } from './rpc';
import { StreamProvisioner } from './stream-provisioner';

/** Connects, provisions the pipeline's streams, then starts this app's consumers and RPC handlers. */
export async function startMessaging(app: INestApplicationContext, appName: string): Promise<void> {
  await app.get(NatsConnectionService).connect(appName);
  await app.get(StreamProvisioner).ensurePipelineStreams();
  app.get(RpcServer).start(appName);
  await app.get(ConsumerHost).start();
}
