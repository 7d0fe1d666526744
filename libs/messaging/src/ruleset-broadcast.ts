import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode, KV, KvEntry, QueuedIterator } from 'nats';
import { AppConfig } from '@lib/config';
import { NatsConnectionService } from './nats-connection.service';

const VERSION_KEY = 'version';
/** Room left in a message for the KV headers. */
const ANNOUNCEMENT_HEADROOM_BYTES = 16 * 1024;
/**
 * One put: a put sent while NATS is away is buffered and flushed on reconnect, but its answer was
 * waited for 5 s (the client's default) even when the server was back after one.
 */
const PUT_TIMEOUT_MS = 1_000;
/**
 * How long announce() tries in all. The writer's API answer waits for it, so it stays within half
 * of the gateway's RPC_TIMEOUT_MS (5 s by default): past that the gateway answers 504 for a stored change.
 */
const ANNOUNCE_BUDGET_MS = 2_000;
const ANNOUNCE_RETRY_FIRST_MS = 100;
/** A watch that ended is subscribed again after this, doubling up to WATCH_RETRY_MAX_MS. */
const WATCH_RETRY_FIRST_MS = 250;
const WATCH_RETRY_MAX_MS = 10_000;

/**
 * Every reader also compares its version with Mongo's this often: the safety net for a change
 * whose announcement failed, which reaches readers only then.
 */
export const RULESET_POLL_INTERVAL_MS = 30_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Tells every instance that reads the ruleset (classification: rules and categories; inference:
 * the taxonomy) that it changed: key `version` of the JetStream KV bucket `<prefix>-rules`. KV
 * keeps the last value, so an instance that was down or starts late still sees it (a core NATS
 * subject would lose it). The value is `{ version, change? }`, `change` being what the writer did
 * (classification's RulesetChange; its readers cast it): an instance exactly one version behind
 * may apply it to what it holds; any other gap means reloading from Mongo, which stays the source
 * of truth.
 */
@Injectable()
export class RulesetBroadcast {
  private readonly logger = new Logger('RulesetBroadcast');
  private readonly buckets = new Map<'put' | 'watch', Promise<KV>>();
  private readonly announceBudgetMs: number;

  constructor(private readonly nats: NatsConnectionService, private readonly config: AppConfig) {
    this.announceBudgetMs = Math.min(ANNOUNCE_BUDGET_MS, config.RPC_TIMEOUT_MS / 2);
  }

  /**
   * Puts fail fast, so announce() can try again within its budget; a watch's consumer is created
   * with the client's default timeout (5 s), which a busy server may need at an app's start.
   */
  private kv(use: 'put' | 'watch'): Promise<KV> {
    let bucket = this.buckets.get(use);
    if (!bucket) {
      const js = use === 'put' ? this.nats.nc.jetstream({ timeout: Math.min(PUT_TIMEOUT_MS, this.announceBudgetMs) }) : this.nats.js;
      bucket = js.views.kv(`${this.config.PIPELINE_PREFIX}-rules`, { history: 1, replicas: this.config.STREAM_REPLICAS }).catch((error: unknown) => {
        this.buckets.delete(use); // retried on next use
        throw error;
      });
      this.buckets.set(use, bucket);
    }
    return bucket;
  }

  /**
   * A change too large for one message (a large import) is announced without it: instances then
   * reload from Mongo. A failed put is tried again for up to ANNOUNCE_BUDGET_MS (NATS restarting,
   * its JetStream not back yet), since readers find a change whose put failed only at their next
   * check. Throws the last error when the budget is spent.
   */
  async announce(version: number, change?: unknown): Promise<void> {
    const withChange = JSON.stringify({ version, change });
    const value = Buffer.byteLength(withChange) <= this.nats.maxPayload - ANNOUNCEMENT_HEADROOM_BYTES ? withChange : JSON.stringify({ version });
    const deadline = Date.now() + this.announceBudgetMs;
    for (let retryMs = ANNOUNCE_RETRY_FIRST_MS; ; retryMs *= 2) {
      try {
        await (await this.kv('put')).put(VERSION_KEY, value);
        return;
      } catch (error) {
        this.forgetBucketAfter(error);
        if (Date.now() + retryMs >= deadline) throw error;
        await sleep(retryMs);
      }
    }
  }

  /**
   * Calls onVersion with the current value, then with every new one, until the returned stop().
   * The server pushes a value once it is stored, which is before the writer's API answer: an event
   * sent after that answer passes through the pipeline's streams after it, so a reader that starts
   * catching up within onVersion (and has batches wait for that) classifies the event with it.
   *
   * The watch is subscribed again after NATS reconnects (cutting short a wait for the next try:
   * it waited up to 10 s after a server that came back), and with backoff when it ends; then
   * onResumed runs (announcements may have been missed meanwhile: the reader compares with Mongo).
   * Left to the client, a watch across a server restart got nothing for 10-15 s (until missed
   * heartbeats made it recreate its consumer), then resumed at its old stream sequence: values a
   * server back with an empty store had stored under lower ones were never delivered; and when the
   * bucket was not there yet it ended ("ruleset version watch ended") for the life of the process,
   * leaving only the 30 s poll.
   */
  async watch<Change = unknown>(onVersion: (version: number, change?: Change) => void, onResumed: () => void): Promise<() => void> {
    let stopped = false;
    let reconnected = false;
    /** Ends the wait before the next try, if one is in progress. */
    let wake: (() => void) | undefined;
    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => wake?.(), ms).unref();
        wake = () => {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        };
      });
    let retryMs = WATCH_RETRY_FIRST_MS;
    let updates = await this.subscribe();
    const stopListening = this.nats.onReconnect(() => {
      reconnected = true;
      updates.stop();
      // A server back is worth a try now (and quick ones after it), not after a wait grown while it was away.
      retryMs = WATCH_RETRY_FIRST_MS;
      wake?.();
    });
    void (async () => {
      while (!stopped) {
        const started = Date.now();
        const ended = await this.follow(updates, onVersion);
        if (stopped) return;
        if (Date.now() - started >= WATCH_RETRY_MAX_MS) retryMs = WATCH_RETRY_FIRST_MS;
        let waitMs = reconnected ? 0 : retryMs;
        if (!reconnected) this.logger.warn({ msg: 'ruleset version watch ended; subscribing again', err: ended, retryInMs: waitMs });
        for (;;) {
          await pause(waitMs);
          // Closed for good (the app is shutting down): nothing to watch any more.
          if (stopped || !this.nats.isConnected) return;
          retryMs = Math.min(retryMs * 2, WATCH_RETRY_MAX_MS);
          try {
            updates = await this.subscribe();
            reconnected = false;
            break;
          } catch (error) {
            this.forgetBucketAfter(error);
            waitMs = retryMs;
            this.logger.warn({ msg: 'ruleset version watch not subscribed yet', err: String(error), retryInMs: waitMs });
          }
        }
        if (stopped) return updates.stop();
        onResumed();
      }
    })();
    return () => {
      stopped = true;
      stopListening();
      updates.stop();
      wake?.();
    };
  }

  private async subscribe(): Promise<QueuedIterator<KvEntry>> {
    return (await this.kv('watch')).watch({ key: VERSION_KEY });
  }

  /** Delivers the watch's values until it ends; answers why it ended. */
  private async follow<Change>(updates: QueuedIterator<KvEntry>, onVersion: (version: number, change?: Change) => void): Promise<string> {
    try {
      for await (const entry of updates) {
        if (entry.operation !== 'PUT') continue;
        const value = parseAnnouncement<Change>(entry.string());
        if (value) onVersion(value.version, value.change);
        else this.logger.warn({ msg: 'ignoring a malformed ruleset announcement', value: entry.string().slice(0, 200) });
      }
      return 'the server ended it';
    } catch (error) {
      return String(error);
    }
  }

  /** Timeouts aside (NATS away), the bucket may be gone with the server's store: the next use creates it again. */
  private forgetBucketAfter(error: unknown): void {
    if ((error as { code?: string }).code !== ErrorCode.Timeout) this.buckets.clear();
  }
}

function parseAnnouncement<Change>(text: string): { version: number; change?: Change } | null {
  try {
    const value = JSON.parse(text) as { version?: unknown; change?: Change };
    return typeof value?.version === 'number' && Number.isFinite(value.version) ? { version: value.version, change: value.change ?? undefined } : null;
  } catch {
    return null;
  }
}
