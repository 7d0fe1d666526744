import { Injectable } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { BoardChangedNotice, boardChangedSubject, BoardRef } from '@lib/leaderboard-core';
import { NatsConnectionService } from '@lib/messaging';

/**
 * Announces changed boards on core NATS (fire and forget, no stream): live views are a
 * convenience, the boards themselves are already durable. Every gateway instance receives it.
 */
@Injectable()
export class BoardChangesPublisher {
  private readonly subject: string;

  constructor(private readonly nats: NatsConnectionService, config: AppConfig) {
    this.subject = boardChangedSubject(config.PIPELINE_PREFIX);
  }

  publish(boards: BoardRef[]): void {
    if (boards.length === 0 || !this.nats.isConnected) return;
    const notice: BoardChangedNotice = { boards };
    this.nats.nc.publish(this.subject, Buffer.from(JSON.stringify(notice)));
  }
}
