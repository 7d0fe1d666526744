import { Injectable, Logger } from '@nestjs/common';
import { KV } from 'nats';
import { AppConfig } from '@lib/config';
import { NatsConnectionService } from './nats-connection.service';

const VERSION_KEY = 'version';
/** Room left in a message for the KV headers. */
const ANNOUNCEMENT_HEADROOM_BYTES = 16 * 1024;

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
  private bucket?: Promise<KV>;

  constructor(private readonly nats: NatsConnectionService, private readonly config: AppConfig) {}

  private kv(): Promise<KV> {
    this.bucket ??= this.nats.js.views.kv(`${this.config.PIPELINE_PREFIX}-rules`, { history: 1, replicas: this.config.STREAM_REPLICAS }).catch((error: unknown) => {
      this.bucket = undefined; // retried on next use
      throw error;
    });
    return this.bucket;
  }

  /**
   * A change too large for one message (a large import) is announced without it: instances then
   * reload from Mongo. With it, the put failed and instances found the version only by polling.
   */
  async announce(version: number, change?: unknown): Promise<void> {
    const withChange = JSON.stringify({ version, change });
    const limit = this.nats.maxPayload - ANNOUNCEMENT_HEADROOM_BYTES;
    await (await this.kv()).put(VERSION_KEY, Buffer.byteLength(withChange) <= limit ? withChange : JSON.stringify({ version }));
  }

  /**
   * Calls onVersion with the current value, then with every new one, until the returned stop().
   * The server pushes a value once it is stored, which is before the writer's API answer: an event
   * sent after that answer passes through the pipeline's streams after it, so a reader that starts
   * catching up within onVersion (and has batches wait for that) classifies the event with it.
   */
  async watch<Change = unknown>(onVersion: (version: number, change?: Change) => void): Promise<() => void> {
    const updates = await (await this.kv()).watch({ key: VERSION_KEY });
    void (async () => {
      for await (const entry of updates) {
        if (entry.operation !== 'PUT') continue;
        const value = parseAnnouncement<Change>(entry.string());
        if (value) onVersion(value.version, value.change);
        else this.logger.warn({ msg: 'ignoring a malformed ruleset announcement', value: entry.string().slice(0, 200) });
      }
    })().catch((error: unknown) => this.logger.error({ msg: 'ruleset version watch ended', err: String(error) }));
    return () => updates.stop();
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
