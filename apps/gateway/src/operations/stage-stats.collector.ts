import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Msg } from 'nats';
import { NatsConnectionService } from '@lib/messaging';
import { StageStatsSnapshot } from '@lib/observability';
import { StageStatsWindow, StatsSummary } from './stage-stats-window';

/**
 * Listens to every stage instance's stats (`<prefix>.stats.>`, core NATS, published by the
 * consumer loops every 5 s). Each gateway instance listens on its own: no queue group.
 */
@Injectable()
export class StageStatsCollector implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly window = new StageStatsWindow();
  private stopListening?: () => void;

  constructor(private readonly nats: NatsConnectionService) {}

  onApplicationBootstrap(): void {
    this.stopListening = this.nats.subscribeOnceConnected(this.nats.names.subjects.statsAll, (msg) => this.accept(msg));
  }

  onModuleDestroy(): void {
    this.stopListening?.();
  }

  summary(nowMs = Date.now()): StatsSummary {
    return this.window.summary(nowMs);
  }

  private accept(msg: Msg): void {
    try {
      const snapshot = msg.json<StageStatsSnapshot>();
      if (typeof snapshot?.instance === 'string' && typeof snapshot.stage === 'string' && typeof snapshot.at === 'number' && snapshot.handlerSeconds) {
        this.window.add(snapshot);
      }
    } catch {
      // not a stats snapshot: ignore
    }
  }
}
