import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { NatsConnectionService } from '@lib/messaging';
import { ApiKeyRepository } from '@lib/persistence';
import { ApiKeyCache } from './api-key.guard';

/**
 * A revocation reaches every gateway instance at once: the one that revokes (or the api-key CLI)
 * publishes the key id on core NATS `<prefix>.apikeys.revoked`, and each instance drops its cached
 * copy. Without it another instance kept answering from that copy for up to the cache's 10 s, and
 * through a Mongo outage for as long as the outage lasted; its open live views went on. A message
 * lost to a NATS outage leaves the 10 s for requests; what a key holds open is checked again by
 * its holder (recheck).
 */
@Injectable()
export class ApiKeyRevocations implements OnApplicationBootstrap, OnModuleDestroy {
  private stopListening?: () => void;
  private readonly listeners = new Set<(keyId: string) => void>();
  private rechecking = false;

  constructor(private readonly nats: NatsConnectionService, private readonly cache: ApiKeyCache, private readonly keys: ApiKeyRepository) {}

  onApplicationBootstrap(): void {
    this.stopListening = this.nats.subscribeOnceConnected(this.nats.names.subjects.apiKeyRevoked, (msg) => this.revoked(msg.string()));
  }

  onModuleDestroy(): void {
    this.stopListening?.();
  }

  /**
   * Call once the key is revoked in Mongo: this instance forgets it now (the caller's next request
   * must not race the message, which comes back here too and repeats a harmless forget), the
   * others on the message.
   */
  announce(keyId: string): void {
    this.revoked(keyId);
    if (this.nats.isConnected) this.nats.nc.publish(this.nats.names.subjects.apiKeyRevoked, keyId);
  }

  /** Calls `listener` with the id of every key revoked from now on (what a revoked key still holds, e.g. live views). */
  onRevoked(listener: (keyId: string) => void): void {
    this.listeners.add(listener);
  }

  /**
   * Reads which of these keys are revoked, and treats each as a revocation heard now: for what a key
   * holds open (live views), whose revocation message a NATS outage may have taken, and which no
   * request checks again. A failed read (Mongo away) is left to the next call.
   */
  async recheck(keyIds: string[]): Promise<void> {
    // One read at a time: a frozen Mongo (the driver sets no socket timeout) would otherwise gather one more every call.
    if (this.rechecking) return;
    this.rechecking = true;
    let revoked: string[];
    try {
      revoked = await this.keys.revokedAmong(keyIds);
    } catch {
      return;
    } finally {
      this.rechecking = false;
    }
    for (const keyId of revoked) this.revoked(keyId);
  }

  private revoked(keyId: string): void {
    this.cache.forget(keyId);
    for (const listener of this.listeners) listener(keyId);
  }
}
