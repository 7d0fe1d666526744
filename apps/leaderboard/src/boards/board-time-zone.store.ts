import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { sameZone } from '@lib/leaderboard-core';
import { REDIS } from '@lib/persistence';
import { BoardKeys } from './board-keys';

/**
 * The TIME_ZONE the boards' period keys are written in, recorded in Redis by the leaderboard app
 * when it starts. Period keys carry no zone, so a maintenance command run in another zone (a
 * stack started with TIME_ZONE=Asia/Kolkata, `npm run leaderboard:verify` without it) read every
 * board as drifted, and rebuild rewrote them under the wrong days. The commands check it first.
 */
@Injectable()
export class BoardTimeZone {
  private readonly logger = new Logger('BoardTimeZone');
  private readonly key: string;
  /** As configured: shown in messages (Intl would name Asia/Kolkata "Asia/Calcutta"). */
  private readonly timeZone: string;

  constructor(@Inject(REDIS) private readonly redis: Redis, keys: BoardKeys, config: AppConfig) {
    this.key = keys.timeZone;
    this.timeZone = config.TIME_ZONE;
  }

  /**
   * By the app that writes the boards (LeaderboardWriterService), never by a command: its zone is
   * the one to check. Replacing another zone is how the boards move to a new TIME_ZONE (then a
   * rebuild), but also what an instance started with the wrong one does, whose period keys then mix
   * with the others': said loudly, with the way back.
   */
  record(): Promise<void> {
    // Not awaited by the app: the boards do not depend on it, and a start must not wait on Redis for it.
    return this.redis.set(this.key, this.timeZone, 'GET').then(
      (before) => {
        if (before === null || sameZone(before, this.timeZone)) return;
        this.logger.warn({
          msg:
            `the boards were kept in TIME_ZONE=${before} and this leaderboard instance writes them in ${this.timeZone}: ` +
            `their period keys mix from now on. If that is a mistake, stop it and start it with TIME_ZONE=${before}; ` +
            `if the boards are moving to ${this.timeZone}, stop every instance in ${before} and run a rebuild without --from/--to`,
          before,
          now: this.timeZone,
        });
      },
      (error: unknown) => {
        // A leaderboard started while Redis was down left the zone unrecorded until its next restart: the gateway and the commands then knew no zone to follow.
        this.logger.warn({ msg: "could not record the boards' time zone (Redis is unreachable): it is recorded once Redis answers", err: String(error) });
        this.redis.once('ready', () => void this.record());
      },
    );
  }

  /** Throws naming both zones when the app recorded another one than this process's TIME_ZONE. */
  async assertSameAsBoards(): Promise<void> {
    const recorded = await this.redis.get(this.key);
    if (recorded === null || sameZone(recorded, this.timeZone)) return;
    throw new Error(
      `the boards are kept in TIME_ZONE=${recorded} (recorded by the leaderboard app in Redis, ${this.key}), this command runs in ${this.timeZone}: ` +
        `run it with TIME_ZONE=${recorded}. To move the boards to ${this.timeZone}, start the leaderboard app with that TIME_ZONE, stop it, then run a rebuild without --from/--to`,
    );
  }
}
