import { BadRequestException, Injectable } from '@nestjs/common';
import {
  CategoriesList,
  CLASSIFICATION_RPC,
  ClassifyReport,
  ClassifyResponse,
  CorrectionResult,
  CorrectionsPage,
  ImportReport,
  Rejection,
  RpcError,
  RulesetDocument,
  RulesPage,
  sortQuestions,
  StoredEvent,
  WHOLE_ITEM,
} from '@lib/contracts';
import { NatsConnectionService, RpcClient } from '@lib/messaging';
import { chunkBySize } from '../chunk-by-size';

export const MAX_CLASSIFY_ITEMS = 1000;
/** A request must fit one NATS message (1 MiB by default) with room for headers. */
const MAX_CHUNK_BYTES = 700 * 1024;
const PAYLOAD_HEADROOM_BYTES = 16 * 1024;
/** Rules per export page: even rules at the size limits keep a page far below a NATS message. */
const EXPORT_PAGE = 500;
const EXPORT_ATTEMPTS = 3;

type Operation = keyof typeof CLASSIFICATION_RPC;

/**
 * The gateway's side of the classification app's operations: sizes requests to NATS messages
 * (classify in chunks, export in pages) and resolves corrections given by event id.
 */
@Injectable()
export class ClassificationClient {
  constructor(private readonly rpc: RpcClient, private readonly nats: NatsConnectionService) {}

  call<T>(operation: Operation, payload: unknown, correlationId?: string): Promise<T> {
    return this.rpc.request<T>(this.rpc.names.rpcSubject(CLASSIFICATION_RPC[operation]), payload, { correlationId });
  }

  /** Every valid item answered, each refused one listed with its index, field and reason (one bad item refused the whole request). */
  async classify(items: unknown, correlationId?: string): Promise<ClassifyReport> {
    if (!Array.isArray(items) || items.length === 0 || items.length > MAX_CLASSIFY_ITEMS) {
      throw new RpcError(400, `items must be an array of 1 to ${MAX_CLASSIFY_ITEMS} items`, { field: 'items' });
    }
    const { questions, rejected } = sortQuestions(items);
    if (questions.length === 0) throw new NoValidItemException(rejected);
    const { chunks, oversized } = chunkBySize(questions, MAX_CHUNK_BYTES);
    // A question is at most a few KiB (QUESTION_LIMITS): one larger than a chunk means those limits changed.
    if (oversized.length > 0) throw new Error(`items[${questions[oversized[0]].index}] is larger than a NATS message can carry (${MAX_CHUNK_BYTES} bytes)`);
    const answers = await Promise.all(chunks.map((chunk) => this.call<ClassifyResponse>('classify', { items: chunk.items.map((q) => q.question) }, correlationId)));
    const results: ClassifyReport['results'] = items.map(() => null);
    answers.forEach((answer, c) => answer.results.forEach((result, i) => (results[chunks[c].items[i].index] = result)));
    // Chunks answered across a ruleset change report the older version.
    return { rulesetVersion: Math.min(...answers.map((a) => a.rulesetVersion)), results, rejected };
  }

  /** Categories, then rules and corrections page by page; a change in between restarts, so the export is one version. */
  async exportRuleset(correlationId?: string): Promise<RulesetDocument> {
    for (let attempt = 0; attempt < EXPORT_ATTEMPTS; attempt++) {
      const categories = await this.call<CategoriesList>('listCategories', {}, correlationId);
      const version = categories.rulesetVersion;
      const rules = await this.allPages<RulesPage>('listRules', version, correlationId);
      const corrections = rules && (await this.allPages<CorrectionsPage>('listCorrections', version, correlationId));
      if (rules && corrections) {
        return {
          version,
          categories: categories.items,
          rules: rules.map(({ createdAt: _created, updatedAt: _updated, ...rule }) => rule),
          corrections: corrections.map(({ key: _key, createdAt: _created, updatedAt: _updated, ...correction }) => correction),
        };
      }
    }
    throw new RpcError(409, 'the ruleset kept changing during the export; try again');
  }

  /** Every item of a paged list, or null when a page came from another ruleset version than `version`. */
  private async allPages<P extends { rulesetVersion: number; total: number; items: unknown[] }>(operation: 'listRules' | 'listCorrections', version: number, correlationId?: string): Promise<P['items'] | null> {
    const items: P['items'] = [];
    for (let offset = 0; ; offset += EXPORT_PAGE) {
      const page = await this.call<P>(operation, { offset, limit: EXPORT_PAGE }, correlationId);
      if (page.rulesetVersion !== version) return null;
      items.push(...page.items);
      if (offset + EXPORT_PAGE >= page.total) return items;
    }
  }

  importDocument(operation: 'importRuleset' | 'importActivityWatch', document: unknown, options: { onConflict?: string; mode?: string }, correlationId?: string): Promise<ImportReport> {
    const payload = { document, onConflict: options.onConflict, mode: options.mode };
    const limit = this.nats.maxPayload - PAYLOAD_HEADROOM_BYTES;
    const size = Buffer.byteLength(JSON.stringify(payload) ?? '');
    if (size > limit) {
      throw new RpcError(413, `the import is ${size} bytes; one import can carry at most ${limit} bytes: split its rules over several imports (merge mode)`, { field: 'body' });
    }
    return this.call<ImportReport>(operation, payload, correlationId);
  }

  /** `{ eventId, categoryId }` takes app, title and url from the stored event. */
  async correct(body: unknown, correlationId?: string): Promise<CorrectionResult> {
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (fields.eventId === undefined || fields.eventId === null) return this.call<CorrectionResult>('correct', body, correlationId);
    if (typeof fields.eventId !== 'string' || fields.eventId.length === 0) throw new RpcError(400, 'eventId must be a non-empty string', { field: 'eventId' });
    if (fields.app !== undefined || fields.title !== undefined || fields.url !== undefined) {
      throw new RpcError(400, 'eventId cannot be combined with app, title or url: give one or the other', { field: 'eventId' });
    }
    const event = await this.rpc.request<StoredEvent>(this.rpc.names.rpc.getEvent, { eventId: fields.eventId }, { correlationId });
    // The other fields go along, so classification refuses unknown ones as it does without eventId.
    const { eventId: _eventId, ...rest } = fields;
    return this.call<CorrectionResult>('correct', { ...rest, app: event.app, title: event.title, url: event.url }, correlationId);
  }
}

/** 400 listing every refused item: none of the request was valid (as POST /v1/events refuses a batch without a valid event). */
class NoValidItemException extends BadRequestException {
  constructor(rejected: Rejection[]) {
    const first = rejected[0];
    const field = `items[${first.index}]${first.field === WHOLE_ITEM ? '' : `.${first.field}`}`;
    super({ message: `no valid item: ${field} ${first.reason}`, field, rejected });
  }
}
