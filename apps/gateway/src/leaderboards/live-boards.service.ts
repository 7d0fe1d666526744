import { HttpException, HttpStatus, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';
import { EventEmitter } from 'node:events';
import { Gauge } from 'prom-client';
import { AppConfig } from '@lib/config';
import { LeaderboardPage, parseChoice, RpcError } from '@lib/contracts';
import { BoardChangedNotice, boardChangedSubject, BoardRef, PERIOD_TYPES } from '@lib/leaderboard-core';
import { NatsConnectionService, RpcClient } from '@lib/messaging';
import { PipelineMetrics } from '@lib/observability';
import { ApiKeyRevocations } from '../auth/api-key-revocations.service';
import { BoardCalendar } from './board-calendar.service';
import { KeyedThrottle } from './keyed-throttle';

export interface LiveSelection {
  board: string;
  period?: string;
  /** A fixed period (YYYY-MM-DD inside it, or its own key); without it the watch follows the current period. */
  date?: string;
  limit?: number | string;
}

/** Who holds a live view: views are capped per holder (LIVE_VIEWS_PER_KEY), an API key's id. */
export type ViewHolder = string;

interface Watch {
  id: string;
  selection: LiveSelection;
  topic: string;
  watchers: number;
  /**
   * The page its viewers were last given (JSON): a read that finds it again is not pushed. Null when
   * they may hold different ones (a viewer's first page differed), so that the next read is pushed.
   */
  lastPage?: string | null;
  /** Whether its last read was refused (pushBoard: a second refusal in a row ends its views). */
  refused?: boolean;
}

/** Published on a watch's topic instead of a page: its views end with this refusal. */
class ViewRefused {
  constructor(readonly error: RpcError) {}
}

/**
 * Live top-N views for GraphQL subscriptions and Server-Sent Events. The leaderboard app
 * announces changed boards on core NATS; every gateway instance listens, re-reads the top N of
 * the boards someone here watches — at most LIVE_UPDATES_PER_SEC times per board, the last
 * change always delivered — and fans the page out through a graphql-subscriptions PubSub when it
 * changed. Notices can be lost, so it also reads every watched board again after a NATS reconnect
 * and every LIVE_RECONCILE_SEC.
 */
@Injectable()
export class LiveBoardsService implements OnModuleDestroy {
  private readonly logger = new Logger('LiveBoards');
  // One listener per open view on its board's topic: a popular board has hundreds, which is no leak
  // (views are bounded per key by LIVE_VIEWS_PER_KEY), so Node's warning past 10 is switched off.
  private readonly pubSub = new PubSub({ eventEmitter: new EventEmitter().setMaxListeners(0) });
  private readonly watches = new Map<string, Watch>();
  private readonly viewsByHolder = new Map<ViewHolder, number>();
  /** Each open view's release, with its holder: stream() adds it, its return() removes it. */
  private readonly openViews = new Map<() => Promise<unknown>, ViewHolder>();
  private readonly throttle: KeyedThrottle;
  private readonly stopListening: () => void;
  /** Armed for the boards' next local midnight while a watch follows the current period. */
  private rollover?: NodeJS.Timeout;
  private readonly stopRefreshingOnReconnect: () => void;
  private readonly reconcile: NodeJS.Timeout;

  constructor(
    private readonly nats: NatsConnectionService,
    private readonly rpc: RpcClient,
    private readonly config: AppConfig,
    private readonly boardCalendar: BoardCalendar,
    metrics: PipelineMetrics,
    private readonly revocations: ApiKeyRevocations,
  ) {
    const openViews = this.openViews;
    new Gauge({
      name: 'ap_live_board_watchers',
      help: 'Open live leaderboard views (GraphQL subscriptions and SSE streams) on this gateway',
      registers: [metrics.registry],
      collect() {
        this.set(openViews.size);
      },
    });
    this.throttle = new KeyedThrottle(1000 / config.LIVE_UPDATES_PER_SEC, (refId) => this.pushBoard(refId));
    // Another zone has another midnight: the timer armed for the old one is re-armed.
    boardCalendar.onChange(() => {
      clearTimeout(this.rollover);
      this.rollover = undefined;
      if ([...this.watches.values()].some((w) => !w.selection.date)) this.armRollover();
    });
    // A revoked key's views end with it: its streams and subscriptions would otherwise go on showing boards.
    revocations.onRevoked((keyId) => void this.endViewsOf(keyId));
    // Notices are core NATS, fire and forget: those published while this gateway was cut off reached
    // nobody here, and its views showed the old boards until the next change on each.
    this.stopRefreshingOnReconnect = nats.onReconnect(() => this.refreshAll());
    // Any other notice lost (a route between clustered servers down, a slow consumer's dropped
    // messages, a writer that announced nothing) is caught up here, a changed page pushed.
    this.reconcile = setInterval(() => this.refreshAll(), config.LIVE_RECONCILE_SEC * 1000).unref();
    this.stopListening = nats.subscribeOnceConnected(boardChangedSubject(config.PIPELINE_PREFIX), (msg) => this.onChanged(msg.json<BoardChangedNotice>()));
  }

  /** The current page; the leaderboard app rejects a bad selection with a 400 naming the parameter. */
  read(selection: LiveSelection, correlationId?: string): Promise<LeaderboardPage> {
    const { board, period, date, limit } = selection;
    return this.rpc.request<LeaderboardPage>(this.rpc.names.rpc.leaderboard, { board, period, date, limit }, { correlationId });
  }

  /**
   * The current page, then a new one after each change, until the consumer calls return()
   * (GraphQL unsubscribe, SSE disconnect), which releases the watch at once, or until the
   * leaderboard app refuses the selection (its category was deleted): then next() rejects with that
   * RpcError, the 400 a new view of it gets. A 429 when the
   * holder has LIVE_VIEWS_PER_KEY views open here already: each view is a board read again on
   * every change, so one key must not be able to hold an unbounded number of them.
   */
  stream(selection: LiveSelection, holder: ViewHolder): AsyncIterableIterator<LeaderboardPage> {
    const watch = this.register(selection, holder);
    const updates = this.pubSub.asyncIterableIterator<LeaderboardPage | ViewRefused>(watch.topic);
    // Subscribes now, before the first page is read, so no change can fall in between.
    let pending: Promise<IteratorResult<LeaderboardPage | ViewRefused>> | undefined = updates.next();
    let first: Promise<LeaderboardPage> | undefined = this.read(this.dated(selection));
    first.then((page) => this.noteFirstPage(watch, page), () => undefined);
    let released = false;
    const release = async (): Promise<IteratorResult<LeaderboardPage>> => {
      if (!released) {
        released = true;
        this.openViews.delete(release);
        this.unregister(watch, holder);
        await updates.return?.();
      }
      return { value: undefined, done: true };
    };
    this.openViews.set(release, holder);
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      async next() {
        if (released) return { value: undefined, done: true };
        if (first) {
          const page = first;
          first = undefined;
          return page.then((value) => ({ value, done: false }), async (error) => (await release(), Promise.reject(error)));
        }
        const next = await (pending ?? updates.next());
        pending = undefined;
        if (next.done || !(next.value instanceof ViewRefused)) return next as IteratorResult<LeaderboardPage>;
        await release();
        throw next.value.error;
      },
      return: release,
      throw: async (error: unknown) => (await release(), Promise.reject(error)),
    };
  }

  /**
   * Ends every open view first: an SSE response stays open until its stream ends, and the HTTP
   * server's close waits for it (measured: a gateway with one open stream took 10 s to stop on
   * SIGTERM, 21–27 ms without). Clients see their stream end and reconnect elsewhere.
   */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.openViews.keys()].map((release) => release()));
    clearTimeout(this.rollover);
    this.stopRefreshingOnReconnect();
    clearInterval(this.reconcile);
    this.stopListening();
    this.throttle.stop();
  }

  /** Ends every view the holder has open here, as its client closing them would. */
  private async endViewsOf(holder: ViewHolder): Promise<void> {
    await Promise.all([...this.openViews].filter(([, held]) => held === holder).map(([release]) => release()));
  }

  private register(selection: LiveSelection, holder: ViewHolder): Watch {
    const held = this.viewsByHolder.get(holder) ?? 0;
    if (held >= this.config.LIVE_VIEWS_PER_KEY) {
      throw new HttpException(
        `this API key holds ${held} live ${held === 1 ? 'view' : 'views'} on this gateway, the most allowed (LIVE_VIEWS_PER_KEY): close a stream or subscription first`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    this.viewsByHolder.set(holder, held + 1);
    const id = JSON.stringify([selection.board, selection.period ?? 'day', selection.date ?? null, String(selection.limit ?? '')]);
    let watch = this.watches.get(id);
    if (!watch) this.watches.set(id, (watch = { id, selection, topic: `board:${id}`, watchers: 0 }));
    watch.watchers++;
    if (!selection.date) this.armRollover();
    return watch;
  }

  private unregister(watch: Watch, holder: ViewHolder): void {
    const held = (this.viewsByHolder.get(holder) ?? 1) - 1;
    if (held === 0) this.viewsByHolder.delete(holder);
    else this.viewsByHolder.set(holder, held);
    if (--watch.watchers === 0) this.watches.delete(watch.id);
  }

  private onChanged(notice: BoardChangedNotice): void {
    for (const ref of notice?.boards ?? []) {
      const refId = `${ref.board} ${ref.period} ${ref.periodKey}`;
      if (this.watchesOf(refId).length > 0) this.throttle.trigger(refId);
    }
  }

  private noteFirstPage(watch: Watch, page: LeaderboardPage): void {
    const json = JSON.stringify(page);
    watch.lastPage = watch.lastPage === undefined || watch.lastPage === json ? json : null;
  }

  /**
   * Reads every watched board again and pushes those that changed; and ends the views of keys
   * revoked meanwhile: a revocation's message lost as notices are (a NATS outage) left them open
   * for good, as nothing checks an open view's key again.
   */
  private refreshAll(): void {
    if (this.openViews.size > 0) void this.revocations.recheck([...new Set(this.openViews.values())]);
    const nowMs = Date.now();
    const refIds = new Set([...this.watches.values()].map((watch) => this.refIdOf(watch, nowMs)));
    for (const refId of refIds) if (refId !== undefined) this.throttle.trigger(refId);
  }

  /**
   * Fails when a read did for want of an answer, so that the throttle reads the board again a little
   * later. A refusal (a 4xx: the category of the board was deleted meanwhile) ends the watch's views
   * with it, the 400 a new view gets: they kept their last page for good, read again and refused
   * every LIVE_RECONCILE_SEC. Only a second refusal in a row does, a moment later: a category that
   * a ruleset import replaces (delete, then insert) is unknown for that moment.
   */
  private async pushBoard(refId: string): Promise<void> {
    let failure: unknown;
    for (const watch of this.watchesOf(refId)) {
      try {
        const page = await this.read(this.dated(watch.selection));
        watch.refused = false;
        const json = JSON.stringify(page);
        // A change below the top N, or a re-read that found the board as it was: nothing to send.
        if (json === watch.lastPage) continue;
        await this.pubSub.publish(watch.topic, page);
        watch.lastPage = json;
      } catch (error) {
        if (error instanceof RpcError && error.status < 500 && watch.refused) {
          this.logger.log({ msg: 'live board refused: its views end', board: refId, err: error.message });
          await this.pubSub.publish(watch.topic, new ViewRefused(error));
          continue;
        }
        if (error instanceof RpcError && error.status < 500) watch.refused = true;
        failure = error;
        this.logger.warn({ msg: 'live board update failed, reading it again shortly', board: refId, err: String(error) });
      }
    }
    if (failure) throw failure;
  }

  /**
   * A watch without a date shows the current day, week or month: at local midnight its board is
   * another one, on which nothing may change for hours. Without a push then, a stream went on
   * showing yesterday's board until the first change on today's.
   */
  private armRollover(): void {
    if (this.rollover) return;
    const calendar = this.boardCalendar.current;
    const nowMs = Date.now();
    const today = calendar.currentKey('day', nowMs);
    this.rollover = setTimeout(() => {
      this.rollover = undefined;
      this.onRollover(today);
    }, calendar.periodEnd('day', today) - nowMs);
    this.rollover.unref();
  }

  /**
   * Pushes the boards that undated watches moved to, and re-arms while any remains. A timer can
   * fire a little before the wall clock reaches midnight (it runs on another clock): then it
   * only re-arms.
   */
  private onRollover(armedOn: string): void {
    const calendar = this.boardCalendar.current;
    const nowMs = Date.now();
    const today = calendar.currentKey('day', nowMs);
    const following = [...this.watches.values()].filter((w) => !w.selection.date);
    if (today !== armedOn) {
      const lastMsOfYesterday = calendar.periodStart('day', today) - 1;
      const moved = new Set<string>();
      for (const watch of following) {
        const refId = this.refIdOf(watch, nowMs);
        if (refId !== undefined && refId !== this.refIdOf(watch, lastMsOfYesterday)) moved.add(refId);
      }
      for (const refId of moved) this.throttle.trigger(refId);
    }
    if (following.length > 0) this.armRollover();
  }

  /**
   * A selection without a date as this gateway reckons the current period (its clock, the boards'
   * zone), as it matches changes and arms the midnight push: read without one, the leaderboard
   * app's clock decided, and a leaderboard host a few seconds behind answered the midnight push
   * with the old day's page, then nothing until a change on the new day's board.
   */
  private dated(selection: LiveSelection): LiveSelection {
    return selection.date ? selection : { ...selection, date: this.boardCalendar.current.currentKey('day', Date.now()) };
  }

  /** Watches showing this board now (a watch without a date follows the current period). */
  private watchesOf(refId: string): Watch[] {
    const now = Date.now();
    return [...this.watches.values()].filter((w) => this.refIdOf(w, now) === refId);
  }

  private refIdOf(watch: Watch, nowMs: number): string | undefined {
    const { board, date } = watch.selection;
    try {
      // Read as the leaderboard app reads it: an empty period is the default too, not an unknown one.
      const period = parseChoice(watch.selection.period, 'period', PERIOD_TYPES, 'day');
      const calendar = this.boardCalendar.current;
      const ref: BoardRef = { board, period, periodKey: date ? calendar.keyForDate(period, date) : calendar.currentKey(period, nowMs) };
      return `${ref.board} ${ref.period} ${ref.periodKey}`;
    } catch {
      return undefined; // a selection the leaderboard app rejects anyway
    }
  }
}
