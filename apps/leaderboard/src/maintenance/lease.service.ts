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

/** Thrown by `assertHeld` once the lease may belong to another holder: the work must stop. */
export class LeaseLostError extends Error {
  constructor(name: string, why: string) {
    super(`the "${name}" lease was lost (${why}): stopped before writing more, another holder may be at the same work`);
  }
}

/** What exclusive work checks before each write: still the lease holder. */
export interface LeaseCheck {
  /** Throws LeaseLostError when this holder may no longer hold the lease. */
  assertHeld(): void;
}

export interface Lease extends LeaseCheck {
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
      const sentAt = Date.now();
      return new KvLease(kv, name, holder, await kv.create(name, Buffer.from(holder)), sentAt, this.ttlMs);
    } catch (error) {
      if (isCompareAndSetConflict(error)) return undefined;
      throw error;
    }
  }

  /**
   * Runs `work` while holding the lease, renewing it meanwhile; undefined (work not run) when
   * another holder has it. `work` calls `assertHeld` before each write: a holder whose renewals
   * stopped for the lease time (its process frozen, NATS out of reach) or found the lease taken
   * may have been replaced, and went on writing beside the new holder (two archive runs of one
   * board: the later commit dropped what the other had folded in).
   */
  async runExclusive<T>(name: string, work: (lease: LeaseCheck) => Promise<T>): Promise<{ result: T } | undefined> {
    const lease = await this.tryAcquire(name);
    if (!lease) return undefined;
    const renewal = setInterval(() => {
      void lease.renew().then(
        (kept) => kept || this.logger.error({ msg: 'lease lost while its work was running', lease: name }),
        (error) => this.logger.warn({ msg: 'lease renewal failed', lease: name, err: String(error) }),
      );
    }, this.ttlMs / 3);
    try {
      return { result: await work(lease) };
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
  /** Found taken by another holder at a renewal. */
  private lost = false;

  /** `confirmedAt`: when the last write that the server accepted was sent; the server keeps the lease `ttlMs` from its arrival, later. */
  constructor(
    private readonly kv: KV,
    readonly name: string,
    readonly holder: string,
    private revision: number,
    private confirmedAt: number,
    private readonly ttlMs: number,
  ) {}

  async renew(): Promise<boolean> {
    const sentAt = Date.now();
    try {
      this.revision = await this.kv.update(this.name, Buffer.from(this.holder), this.revision);
      this.confirmedAt = sentAt;
      return true;
    } catch (error) {
      if (!isCompareAndSetConflict(error)) throw error;
      this.lost = true;
      return false;
    }
  }

  assertHeld(): void {
    if (this.lost) throw new LeaseLostError(this.name, 'a renewal found it taken');
    const unconfirmedMs = Date.now() - this.confirmedAt;
    if (unconfirmedMs >= this.ttlMs) throw new LeaseLostError(this.name, `no renewal went through for ${Math.round(unconfirmedMs / 1000)} s, the lease time`);
  }

  async release(): Promise<void> {
    // Conditioned on our revision: a lease that expired and went to someone else stays theirs.
    await this.kv.delete(this.name, { previousSeq: this.revision }).catch(() => undefined);
  }
}

function isCompareAndSetConflict(error: unknown): boolean {
  return isJetStreamError(error, JetStreamErrorCode.WRONG_LAST_SEQUENCE);
}
