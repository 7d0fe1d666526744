import { Injectable } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { NatsConnectionService } from '@lib/messaging';

/**
 * Keeps an import at most IMPORT_MAX_BACKLOG envelopes ahead of the bulk lane's consumers. Reading
 * further ahead gains nothing (the stages set the pace) and costs CPU the live lane needs on a
 * small machine, and stream space. A consumer that does not exist yet (its app never started)
 * counts as empty, so an import never waits for an app that is not deployed.
 */
@Injectable()
export class BulkLaneBackpressure {
  private readonly consumers: Array<[stream: string, durable: string]>;

  constructor(private readonly nats: NatsConnectionService, private readonly config: AppConfig) {
    const { streams } = nats.names;
    // Durable names as ConsumerHost builds them for the per-lane consumers of these stages.
    const durable = (stage: string) => `${config.PIPELINE_PREFIX}-${stage}-bulk`;
    this.consumers = [
      [streams.events, durable('classification')],
      [streams.unclassified, durable('inference')],
      [streams.classified, durable('leaderboard')],
    ];
  }

  /** Resolves once the bulk lane has room for another envelope (polls every 250 ms while full). */
  async waitForRoom(): Promise<void> {
    while ((await this.backlog()) >= this.config.IMPORT_MAX_BACKLOG) await new Promise((r) => setTimeout(r, 250));
  }

  /** Envelopes published on the bulk lane and not yet delivered, over all its stages. */
  private async backlog(): Promise<number> {
    const pending = await Promise.all(
      this.consumers.map(([stream, durable]) => this.nats.jsm.consumers.info(stream, durable).then((info) => info.num_pending, () => 0)),
    );
    return pending.reduce((a, b) => a + b, 0);
  }
}
