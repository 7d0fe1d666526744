import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Subscription } from 'nats';
import { NatsConnectionService } from '@lib/messaging';
import { ApiKeyCache } from './api-key.guard';

/**
 * A revocation reaches every gateway instance at once: the one that revokes (or the api-key CLI)
 * publishes the key id on core NATS `<prefix>.apikeys.revoked`, and each instance drops its cached
 * copy. Without it another instance kept answering from that copy for up to the cache's 10 s, and
 * through a Mongo outage for as long as the outage lasted; its open live views went on. A message
 * lost to a NATS outage leaves the 10 s.
 */
@Injectable()
export class ApiKeyRevocations implements OnApplicationBootstrap, OnModuleDestroy {
  private subscription?: Subscription;
  private stopped = false;
  private readonly listeners = new Set<(keyId: string) => void>();

  constructor(private readonly nats: NatsConnectionService, private readonly cache: ApiKeyCache) {}

  onApplicationBootstrap(): void {
    void this.nats.connected.then(() => {
      if (this.stopped) return;
      this.subscription = this.nats.nc.subscribe(this.nats.names.subjects.apiKeyRevoked, {
        callback: (error, msg) => {
          if (!error) this.revoked(msg.string());
        },
      });
    });
  }

  onModuleDestroy(): void {
    this.stopped = true;
    this.subscription?.unsubscribe();
  }

  /** Call once the key is revoked in Mongo: this instance forgets it now, the others on the message. */
  announce(keyId: string): void {
    this.revoked(keyId);
    if (this.nats.isConnected) this.nats.nc.publish(this.nats.names.subjects.apiKeyRevoked, keyId);
  }

  /** Calls `listener` with the id of every key revoked from now on (what a revoked key still holds, e.g. live views). */
  onRevoked(listener: (keyId: string) => void): void {
    this.listeners.add(listener);
  }

  private revoked(keyId: string): void {
    this.cache.forget(keyId);
    for (const listener of this.listeners) listener(keyId);
  }
}
