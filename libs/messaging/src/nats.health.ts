import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ReadinessCheck } from '@lib/observability';
import { NatsConnectionService } from './nats-connection.service';

@Injectable()
export class NatsHealthIndicator implements ReadinessCheck {
  readonly name = 'nats';

  constructor(private readonly nats: NatsConnectionService, private readonly health: HealthIndicatorService) {}

  async check() {
    const session = this.health.check(this.name);
    if (!this.nats.isConnected) return session.down({ message: 'not connected' });
    // Said at once: a JetStream call would only time out (5 s) and read "NatsError: TIMEOUT".
    if (!this.nats.isReachable) return session.down({ message: 'disconnected from NATS (NATS_URL), reconnecting' });
    try {
      // A JetStream round trip: the broker answers and JetStream is enabled.
      const info = await this.nats.jsm.getAccountInfo();
      return session.up({ streams: info.streams });
    } catch (error) {
      return session.down({ message: String(error) });
    }
  }
}
