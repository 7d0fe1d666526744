import { BadGatewayException, HttpException, Injectable, Logger, NotFoundException, OnApplicationBootstrap, OnModuleDestroy, UnprocessableEntityException } from '@nestjs/common';
import { invalidInput, parseInteger, propertiesOfRequest, RpcError } from '@lib/contracts';
import { DeadLetteredEvents, toHeaders, NatsConnectionService } from '@lib/messaging';
import { PipelineMetrics } from '@lib/observability';
import { DeadLetterStore, StoredDeadLetter } from './dead-letter.store';
import { DeadLetterDetail, DeadLetterFilter, DeadLetterSummary, detail, matches, replayHeaders, replayMsgId, summarize } from './dead-letter.view';

export interface DeadLetterListQuery extends DeadLetterFilter {
  after?: unknown;
  limit?: unknown;
}

export interface DeadLetterPage {
  items: DeadLetterSummary[];
  /** Pass as `after` for the next page; null on the last page. */
  next: number | null;
  /** Letters waiting in the stage's subject (all stages without `stage`), before subject/reason filters. */
  pending: number;
}

export interface BulkFilter extends DeadLetterFilter {
  /** Required when no filter is given, so that "everything" is always a deliberate choice. */
  all?: boolean;
}

const BULK_FILTER_FIELDS = ['stage', 'subject', 'reason', 'all'] as const;

export interface BulkResult {
  count: number;
  ids: number[];
}

export interface BulkReplayResult extends BulkResult {
  /** Of `ids`, the letters whose copy the stream held already (ReplayResult.duplicate): nothing was published again for them. */
  duplicateIds: number[];
}

export interface ReplayResult {
  id: number;
  subject: string;
  /** Sequence of the republished message in its stream. */
  streamSeq: number;
  stream: string;
  /**
   * The stream held this letter's copy already (a concurrent replay of it, or one cut short before
   * the letter was deleted): nothing was published again, and streamSeq is that copy's.
   */
  duplicate: boolean;
}

const STAGE = /^[a-z][a-z0-9-]{0,40}$/;
const GAUGE_REFRESH_MS = 5000;

/** List, inspect, replay and discard dead letters; keeps `ap_dead_letters_pending` current. */
@Injectable()
export class DeadLettersService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeadLettersService.name);
  private gaugeTimer?: NodeJS.Timeout;

  constructor(
    private readonly store: DeadLetterStore,
    private readonly nats: NatsConnectionService,
    private readonly metrics: PipelineMetrics,
    private readonly deadLetteredEvents: DeadLetteredEvents,
  ) {}

  onApplicationBootstrap(): void {
    this.gaugeTimer = setInterval(() => void this.refreshPendingGauge(), GAUGE_REFRESH_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.gaugeTimer);
  }

  async list(query: DeadLetterListQuery): Promise<DeadLetterPage> {
    const filter = validFilter(query);
    const after = parseInteger(query.after, 'after', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 });
    const limit = parseInteger(query.limit, 'limit', { min: 1, max: 500, fallback: 50 });
    const items: DeadLetterSummary[] = [];
    let next: number | null = null;
    for await (const letter of this.store.scan(filter.stage, after)) {
      const summary = summarize(letter, this.store.stageOf(letter.subject));
      if (!matches(summary, filter)) continue;
      if (items.length === limit) {
        next = items[items.length - 1].id;
        break;
      }
      items.push(summary);
    }
    const counts = await this.store.countByStage();
    const pending = filter.stage ? (counts[filter.stage] ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0);
    return { items, next, pending };
  }

  async inspect(id: unknown): Promise<DeadLetterDetail> {
    const letter = await this.letter(id);
    return detail(letter, this.store.stageOf(letter.subject));
  }

  async replayOne(id: unknown): Promise<ReplayResult> {
    const result = await this.replay(await this.letter(id));
    void this.refreshPendingGauge();
    return result;
  }

  async replayMatching(filter: BulkFilter): Promise<BulkReplayResult> {
    const duplicateIds: number[] = [];
    const replayed = await this.forEachMatching(filter, 'replay', async (letter) => {
      if ((await this.replay(letter)).duplicate) duplicateIds.push(letter.seq);
    }, { duplicateIds });
    return { ...replayed, duplicateIds };
  }

  async discardOne(id: unknown): Promise<void> {
    const letter = await this.letter(id);
    if (!(await this.discard(letter))) throw notFound(letter.seq);
    void this.refreshPendingGauge();
  }

  async discardMatching(filter: BulkFilter): Promise<BulkResult> {
    return this.forEachMatching(filter, 'discard', (letter) => this.discard(letter));
  }

  /** Its events' lookups say it was discarded (they would read "not stored (yet)", as if on their way), then it goes. */
  private async discard(letter: StoredDeadLetter): Promise<boolean> {
    await this.deadLetteredEvents.recordDiscard(letter);
    return this.store.delete(letter.seq);
  }

  /**
   * Republishes the original payload and headers to the original subject, then deletes the
   * letter. Publish first: a crash in between leaves the letter, and replaying it again is a
   * duplicate JetStream drops (same msg id), said in the answer. A message that fails again is a
   * new dead letter.
   */
  private async replay(letter: StoredDeadLetter): Promise<ReplayResult> {
    const summary = summarize(letter, this.store.stageOf(letter.subject));
    if (!summary.subject) {
      throw new UnprocessableEntityException({ message: `dead letter ${letter.seq} has no ap-dlq-subject header: it cannot be replayed (discard it instead)`, field: 'id', id: letter.seq });
    }
    const ack = await this.store.republish(summary.subject, letter.data, replayMsgId(letter), toHeaders(replayHeaders(letter))!);
    await this.store.delete(letter.seq);
    this.logger.log({ msg: 'dead letter replayed', id: letter.seq, subject: summary.subject, stream: ack.stream, streamSeq: ack.seq, duplicate: ack.duplicate, correlationId: summary.correlationId });
    return { id: letter.seq, subject: summary.subject, stream: ack.stream, streamSeq: ack.seq, duplicate: ack.duplicate };
  }

  /** `sofar`: more to say, with `count` and `ids`, of the letters handled before a stop. */
  private async forEachMatching(filter: BulkFilter, action: string, apply: (letter: StoredDeadLetter) => Promise<unknown>, sofar: object = {}): Promise<BulkResult> {
    const valid = validFilter(bulkFilterOf(filter));
    if (!valid.stage && !valid.subject && !valid.reason && filter?.all !== true) {
      // The body as a whole lacks what it needs: no one of its fields is at fault (GraphQL: the filter argument).
      throw new RpcError(400, `give a filter (stage, subject or reason) or all: true to ${action} every dead letter`, { field: 'body' });
    }
    const ids: number[] = [];
    try {
      for await (const letter of this.store.scan(valid.stage)) {
        if (!matches(summarize(letter, this.store.stageOf(letter.subject)), valid)) continue;
        await apply(letter);
        ids.push(letter.seq);
      }
    } catch (error) {
      const message = `${action} stopped after ${ids.length} dead letters: ${(error as Error).message}`;
      if (!(error instanceof HttpException)) throw new BadGatewayException({ message, count: ids.length, ids, ...sofar });
      // The refusal keeps what it named (field, the letter's id), and says which letters were handled before it.
      const refusal = error.getResponse();
      throw new HttpException({ ...(typeof refusal === 'object' ? refusal : {}), message, count: ids.length, ids, ...sofar }, error.getStatus());
    } finally {
      void this.refreshPendingGauge();
    }
    return { count: ids.length, ids };
  }

  private async letter(id: unknown): Promise<StoredDeadLetter> {
    const seq = validId(id);
    const letter = await this.store.get(seq);
    if (!letter) throw notFound(seq);
    return letter;
  }

  /** Every gateway instance reports the same stream-wide numbers: alert on max(), not sum(). */
  private async refreshPendingGauge(): Promise<void> {
    if (!this.nats.isConnected) return;
    try {
      const counts = await this.store.countByStage();
      // A stage whose letters are all gone reads 0 rather than losing its series (a gap in graphs).
      for (const { labels } of (await this.metrics.deadLettersPending.get()).values) this.metrics.deadLettersPending.set({ stage: String(labels.stage) }, 0);
      for (const [stage, n] of Object.entries(counts)) this.metrics.deadLettersPending.set({ stage }, n);
    } catch (error) {
      this.logger.warn({ msg: 'could not count dead letters', err: String(error) });
    }
  }
}

function validFilter(filter: DeadLetterFilter): DeadLetterFilter {
  const out: DeadLetterFilter = {};
  if (filter.stage != null && filter.stage !== '') {
    if (typeof filter.stage !== 'string' || !STAGE.test(filter.stage)) throw invalidInput('stage', 'must be a stage name such as classification, inference or leaderboard');
    out.stage = filter.stage;
  }
  for (const field of ['subject', 'reason'] as const) {
    const value = filter[field];
    if (value == null || value === '') continue;
    if (typeof value !== 'string' || value.length > 200) throw invalidInput(field, 'must be a text of at most 200 characters');
    out[field] = value;
  }
  return out;
}


/**
 * A bulk body's filter. A property it does not take is refused, not ignored: `{ stage, reson }`
 * read as `{ stage }` replayed or discarded every letter of the stage.
 */
function bulkFilterOf(body: BulkFilter | undefined): BulkFilter {
  // A misspelt filter ignored would widen what is replayed or discarded: refused, naming it.
  propertiesOfRequest(body, BULK_FILTER_FIELDS);
  const filter = body ?? {};
  if (filter.all != null && typeof filter.all !== 'boolean') throw invalidInput('all', 'must be true or false');
  return filter;
}

function validId(id: unknown): number {
  return parseInteger(id, 'id', { min: 1, max: Number.MAX_SAFE_INTEGER, meaning: "the dead letter's sequence number" });
}

function notFound(seq: number): NotFoundException {
  return new NotFoundException({ message: `dead letter ${seq} does not exist (replayed or discarded already?)`, field: 'id' });
}
