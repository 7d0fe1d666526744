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
  private readonly consumers: Array<{ stream: string; durable: string }>;
  /** Envelopes that may still be sent without asking JetStream again (room seen at the last look, minus those sent since). */
  private room = 0;

  constructor(private readonly nats: NatsConnectionService, private readonly config: AppConfig) {
    this.consumers = nats.names.laneConsumers('bulk');
  }

  /** Resolves once the bulk lane has room for another envelope (looks every 250 ms while full). */
  async waitForRoom(): Promise<void> {
    while (this.room <= 0) {
      this.room = this.config.IMPORT_MAX_BACKLOG - (await this.backlog());
      if (this.room <= 0) await new Promise((r) => setTimeout(r, 250));
    }
    this.room--;
  }

  /** Envelopes published on the bulk lane and not yet delivered, over all its stages. */
  private async backlog(): Promise<number> {
    const pending = await Promise.all(
      this.consumers.map(({ stream, durable }) => this.nats.jsm.consumers.info(stream, durable).then((info) => info.num_pending, () => 0)),
    );
    return pending.reduce((a, b) => a + b, 0);
  }
}
