import { setTimeout } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { HandedBack, NatsConnectionService } from '@lib/messaging';

/**
 * Keeps an import at most IMPORT_MAX_BACKLOG envelopes ahead of the bulk lane's consumers. Reading
 * further ahead gains nothing (the stages set the pace) and costs CPU the live lane needs on a
 * small machine, and stream space. A consumer that does not exist yet (its app never started)
 * counts as empty, so an import never waits for an app that is not deployed.
 */
@Injectable()
export class BulkLaneBackpressure {
  private readonly consumers: Array<{ stream: string; durable: string }>;

  constructor(private readonly nats: NatsConnectionService, private readonly config: AppConfig) {
    this.consumers = nats.names.laneConsumers('bulk');
  }

  /**
   * Resolves once the bulk lane has room for another envelope (looks every 250 ms while full);
   * throws HandedBack once `stopping` aborts: a lane that stays full (its stages stopped too) held
   * an app's stop until its grace ran out. It asks JetStream before every envelope: the room seen
   * once and spent without looking again was spent by every instance importing at once, which
   * filled the lane to IMPORT_MAX_BACKLOG times their number (two instances, 10: 20 envelopes).
   * Instances that look at the same moment may still each send one into the last room.
   */
  async waitForRoom(stopping: AbortSignal): Promise<void> {
    for (;;) {
      if (stopping.aborted) throw new HandedBack('the import waited for room in the bulk lane');
      if ((await this.backlog()) < this.config.IMPORT_MAX_BACKLOG) return;
      await setTimeout(250, undefined, { signal: stopping }).catch(() => undefined);
    }
  }

  /** Envelopes published on the bulk lane and not yet delivered, over all its stages. */
  private async backlog(): Promise<number> {
    const pending = await Promise.all(
      this.consumers.map(({ stream, durable }) => this.nats.jsm.consumers.info(stream, durable).then((info) => info.num_pending, () => 0)),
    );
    return pending.reduce((a, b) => a + b, 0);
  }
}
