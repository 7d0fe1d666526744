import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { KV } from 'nats';
import { AppConfig } from '@lib/config';
import { isJetStreamError, JetStreamErrorCode, NatsConnectionService } from '@lib/messaging';

/** A holder that dies stops renewing; the server forgets its lease this long after the last renewal. */
export const LEASE_TTL_MS = 60_000;
/** Optional provider overriding LEASE_TTL_MS (tests). */
export const LEASE_TTL = Symbol('LEASE_TTL');

export interface Lease {
  readonly name: string;
  readonly holder: string;
  /** Extends the lease; false when it was lost (expired and taken by another holder). */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * Singleton election through a NATS KV bucket whose TTL is the lease time: `create` succeeds
 * only when the key is absent (or deleted), renewals are updates conditioned on the revision
 * this holder wrote last, so two contenders can never both hold a lease.
 */
@Injectable()
export class LeaseService {
  private readonly logger = new Logger('Lease');
  private bucket?: Promise<KV>;
  private readonly holderPrefix = `${hostname()}:${process.pid}`;
  private readonly ttlMs: number;

  constructor(private readonly nats: NatsConnectionService, private readonly config: AppConfig, @Optional() @Inject(LEASE_TTL) ttlMs?: number) {
    this.ttlMs = ttlMs ?? LEASE_TTL_MS;
  }

  async tryAcquire(name: string): Promise<Lease | undefined> {
    const kv = await this.kv();
    const holder = `${this.holderPrefix}:${randomBytes(4).toString('hex')}`;
    try {
      return new KvLease(kv, name, holder, await kv.create(name, Buffer.from(holder)));
    } catch (error) {
      if (isCompareAndSetConflict(error)) return undefined;
      throw error;
    }
  }

  /**
   * Runs `work` while holding the lease, renewing it meanwhile; undefined (work not run) when
   * another holder has it.
   */
  async runExclusive<T>(name: string, work: () => Promise<T>): Promise<{ result: T } | undefined> {
    const lease = await this.tryAcquire(name);
    if (!lease) return undefined;
    const renewal = setInterval(() => {
      void lease.renew().then(
        (kept) => kept || this.logger.error({ msg: 'lease lost while its work was running', lease: name }),
        (error) => this.logger.warn({ msg: 'lease renewal failed', lease: name, err: String(error) }),
      );
    }, this.ttlMs / 3);
    try {
      return { result: await work() };
    } finally {
      clearInterval(renewal);
      await lease.release();
    }
  }

  private kv(): Promise<KV> {
    this.bucket ??= this.nats.js.views.kv(`${this.config.PIPELINE_PREFIX}-leaderboard-leases`, { ttl: this.ttlMs, history: 1 });
    return this.bucket;
  }
}

class KvLease implements Lease {
  constructor(private readonly kv: KV, readonly name: string, readonly holder: string, private revision: number) {}

  async renew(): Promise<boolean> {
    try {
      this.revision = await this.kv.update(this.name, Buffer.from(this.holder), this.revision);
      return true;
    } catch (error) {
      if (isCompareAndSetConflict(error)) return false;
      throw error;
    }
  }

  async release(): Promise<void> {
    // Conditioned on our revision: a lease that expired and went to someone else stays theirs.
    await this.kv.delete(this.name, { previousSeq: this.revision }).catch(() => undefined);
  }
}

function isCompareAndSetConflict(error: unknown): boolean {
  return isJetStreamError(error, JetStreamErrorCode.WRONG_LAST_SEQUENCE);
}
