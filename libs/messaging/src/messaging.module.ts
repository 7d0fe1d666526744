import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ConsumerHost } from './consumer-host';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { DeadLetteredEvents } from './dead-lettered-events';
import { JetStreamPublisher } from './jetstream-publisher';
import { NatsConnectionService } from './nats-connection.service';
import { NatsHealthIndicator } from './nats.health';
import { RpcClient, RpcServer } from './rpc';
import { StreamProvisioner } from './stream-provisioner';

/**
 * JetStream for Nest: one connection, idempotent stream/consumer provisioning, acknowledged
 * publishing, decorator-declared batch consumers and request/reply. Apps call
 * `startMessaging(app, name)` (see messaging.bootstrap.ts) once the module graph is built.
 */
@Global()
@Module({
  imports: [DiscoveryModule, TerminusModule],
  providers: [NatsConnectionService, StreamProvisioner, JetStreamPublisher, DeadLetterPublisher, DeadLetteredEvents, ConsumerHost, RpcServer, RpcClient, NatsHealthIndicator],
  exports: [NatsConnectionService, StreamProvisioner, JetStreamPublisher, DeadLetterPublisher, DeadLetteredEvents, RpcClient, NatsHealthIndicator],
})
export class MessagingModule {}
