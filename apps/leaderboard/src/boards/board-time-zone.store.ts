import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { sameZone } from '@lib/leaderboard-core';
import { REDIS } from '@lib/persistence';
import { BoardKeys } from './board-keys';

/** How often the leaderboard app tries to record its zone until it could, then checks Redis still holds it. */
const RECORD_EVERY_MS = 5_000;

/**
 * The TIME_ZONE the boards' period keys are written in, recorded in Redis by the leaderboard app
 * when it starts (and again whenever Redis lost it: keepRecorded). Period keys carry no zone, so a maintenance command run in another zone (a
 * stack started with TIME_ZONE=Asia/Kolkata, `npm run leaderboard:verify` without it) read every
 * board as drifted, and rebuild rewrote them under the wrong days. The commands check it first.
 */
@Injectable()
export class BoardTimeZone implements OnModuleDestroy {
  private readonly logger = new Logger('BoardTimeZone');
  private keeper?: NodeJS.Timeout;
  private readonly key: string;
  /** As configured: shown in messages (Intl would name Asia/Kolkata "Asia/Calcutta"). */
  private readonly timeZone: string;

  constructor(@Inject(REDIS) private readonly redis: Redis, keys: BoardKeys, config: AppConfig) {
    this.key = keys.timeZone;
    this.timeZone = config.TIME_ZONE;
  }

  /**
   * By the app that writes the boards (RedisDataLossMonitor), never by a command: its zone is the
   * one to check. Records the zone now, and every RECORD_EVERY_MS until that succeeds; from then on
   * checks every RECORD_EVERY_MS that Redis still holds it and records it again when not (a Redis
   * restarted without persistence, or flushed, lost it with the boards). `recorded` hears what each
   * recording found: the zone recorded before (null: none), and whether Redis had lost it since this
   * process recorded it. Until 2026-11-25 a failed recording was retried only at Redis' next
   * "ready" (never, when it failed on a connected Redis: out of memory, too slow), and a lost one
   * stayed lost: the gateway's live views then followed their own TIME_ZONE, and the commands
   * checked none.
   */
  keepRecorded(recorded: (before: string | null, lostSinceRecorded: boolean) => Promise<void> | void): void {
    let done = false;
    let warned = false;
    let running = false;
    const attempt = async () => {
      if (running) return; // a slow Redis: the previous attempt still waits
      running = true;
      try {
        if (!done) {
          const before = await this.record();
          done = true;
          await recorded(before, false);
        } else if ((await this.redis.set(this.key, this.timeZone, 'NX')) === 'OK') {
          // Set only where it was gone: one command a check, where EXISTS then SET NX asked twice.
          await recorded(null, true);
        }
      } catch (error) {
        // Said once; a Redis that fails later says so in its client's own lines.
        if (!done && !warned) this.logger.warn({ msg: "could not record the boards' time zone: it is recorded once Redis takes it", err: String(error) });
        warned = true;
      } finally {
        running = false;
      }
    };
    void attempt();
    this.keeper = setInterval(() => void attempt(), RECORD_EVERY_MS);
    this.keeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.keeper);
  }

  /**
   * Records this process's zone; returns the zone recorded before (null: none). Replacing another
   * zone is how the boards move to a new TIME_ZONE (then a rebuild), but also what an instance
   * started with the wrong one does, whose period keys then mix with the others': said loudly,
   * with the way back.
   */
  async record(): Promise<string | null> {
    const before = await this.redis.set(this.key, this.timeZone, 'GET');
    if (before !== null && !sameZone(before, this.timeZone)) {
      this.logger.warn({
        msg:
          `the boards were kept in TIME_ZONE=${before} and this leaderboard instance writes them in ${this.timeZone}: ` +
          `their period keys mix from now on. If that is a mistake, stop it and start it with TIME_ZONE=${before}; ` +
          `if the boards are moving to ${this.timeZone}, stop every instance in ${before} and run a rebuild without --from/--to`,
        before,
        now: this.timeZone,
      });
    }
    return before;
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
