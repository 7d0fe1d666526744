import Ajv, { ErrorObject, JSONSchemaType, ValidateFunction } from 'ajv';
import { MAX_ENVELOPE_ID_LENGTH, outputEnvelopeId, shortDigest } from './envelope-ids';
import { ClassifiedEvent, EARLIEST_START_MS, Envelope, EVENT_TEXT_MAX_LENGTH, Lane, LATEST_STREAM_START_MS, MAX_DURATION_SEC, MIN_DURATION_SEC, NormalizedEvent } from './activity-event';

/**
 * Schemas of what travels on the streams. A message that does not match is a permanent
 * failure: the consumer dead-letters it with the reason instead of retrying it. Events are
 * checked one by one: the invalid ones of a message are dead-lettered, the valid ones go on.
 */
const ajv = new Ajv({ allErrors: false, strict: true });

const normalizedEventProperties = {
  eventId: { type: 'string', minLength: 1, maxLength: 128 },
  userId: { type: 'string', minLength: 1, maxLength: 128 },
  app: { type: 'string', minLength: 1, maxLength: EVENT_TEXT_MAX_LENGTH.app },
  title: { type: 'string', maxLength: EVENT_TEXT_MAX_LENGTH.title, nullable: true },
  url: { type: 'string', maxLength: EVENT_TEXT_MAX_LENGTH.url, nullable: true },
  startedAtMs: { type: 'number', minimum: EARLIEST_START_MS, maximum: LATEST_STREAM_START_MS },
  durationSec: { type: 'number', minimum: MIN_DURATION_SEC, maximum: MAX_DURATION_SEC },
  source: { type: 'string', maxLength: EVENT_TEXT_MAX_LENGTH.source, nullable: true },
} as const;

const normalizedEventSchema: JSONSchemaType<NormalizedEvent> = {
  type: 'object',
  properties: normalizedEventProperties,
  required: ['eventId', 'userId', 'app', 'startedAtMs', 'durationSec'],
  additionalProperties: false,
};

/** An envelope's own fields; its events are checked one by one, so one bad event does not cost the others. */
const envelopeShellSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', minLength: 1, maxLength: MAX_ENVELOPE_ID_LENGTH },
    lane: { type: 'string', enum: ['live', 'bulk'] },
    events: { type: 'array', minItems: 1 },
  },
  required: ['id', 'lane', 'events'],
  additionalProperties: false,
};

const classifiedEventSchema = {
  type: 'object',
  properties: {
    ...normalizedEventProperties,
    boards: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
    classification: {
      type: 'object',
      properties: {
        categoryId: { type: 'string', minLength: 1 },
        source: { type: 'string', enum: ['rule', 'cache', 'model', 'llm', 'manual', 'fallback'] },
        confidence: { type: 'number', minimum: 0, maximum: 1 },
        ruleId: { type: 'string', nullable: true },
        rulesetVersion: { type: 'number' },
      },
      required: ['categoryId', 'source', 'confidence', 'rulesetVersion'],
      additionalProperties: false,
    },
  },
  required: ['eventId', 'userId', 'app', 'startedAtMs', 'durationSec', 'boards', 'classification'],
  additionalProperties: false,
};

export function describeAjvError(error: ErrorObject): { field: string; reason: string } {
  const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return { field: path ? `${path}.${missing}` : missing, reason: 'is required' };
  }
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return { field: path ? `${path}.${extra}` : extra, reason: 'is not a known field' };
  }
  return { field: path || '(message)', reason: reasonOf(error) };
}

const TYPE_NAMES: Record<string, string> = { string: 'a string', number: 'a number', integer: 'an integer', boolean: 'a boolean', object: 'an object', array: 'an array' };

/**
 * ajv's words, except for a type or a length, said as the API's other refusals say them: "must be
 * string", "must be string,number" and "must NOT have fewer than 1 characters" read as typos next
 * to "title must be a string" of the rules and classify routes.
 */
function reasonOf(error: ErrorObject): string {
  const params = error.params as { type?: string | string[]; limit?: number };
  if (error.keyword === 'type') return `must be ${String(params.type).split(',').map((type) => TYPE_NAMES[type] ?? type).join(' or ')}`;
  if (error.keyword === 'minLength') return params.limit === 1 ? 'must not be empty' : `must be at least ${params.limit} characters`;
  if (error.keyword === 'maxLength') return `must be at most ${params.limit} characters`;
  return error.message ?? 'is invalid';
}

/**
 * A message some of whose events are invalid: `valid` (the envelope with the others) goes on, and
 * `invalid` (the same envelope with the refused events only) is dead-lettered with `reason`.
 */
export class PartlyValid<T> {
  constructor(readonly valid: T, readonly invalid: unknown, readonly reason: string) {}
}

function describeError(error: ErrorObject, pathPrefix = ''): string {
  const { field, reason } = describeAjvError({ ...error, instancePath: `${pathPrefix}${error.instancePath}` });
  return `${field} ${reason}`;
}

/**
 * Returns a decoder of envelopes: the envelope when all is valid; PartlyValid when some events
 * are not; a throw naming the first bad field when the envelope itself or every event is invalid.
 */
function envelopeDecoder<E>(validateEvent: ValidateFunction<E>): (data: unknown) => Envelope<E> | PartlyValid<Envelope<E>> {
  const validateShell = ajv.compile<{ id: string; lane: Lane; events: unknown[] }>(envelopeShellSchema);
  return (data) => {
    if (!validateShell(data)) throw new Error(describeError(validateShell.errors![0]));
    const valid: E[] = [];
    const invalid: unknown[] = [];
    const reasons: string[] = [];
    for (const event of data.events) {
      if (validateEvent(event)) {
        valid.push(event);
      } else {
        // Indexed as in the letter, which holds the refused events only.
        reasons.push(describeError(validateEvent.errors![0], `/events/${invalid.length}`));
        invalid.push(event);
      }
    }
    if (invalid.length === 0) return data as Envelope<E>;
    if (valid.length === 0) throw new Error(reasons[0]);
    const total = data.events.length;
    const others = valid.length === 1 ? 'the 1 other went on' : `the ${valid.length} others went on`;
    // The refused part gets an id of its own (deterministic: a redelivery letters it alike): under
    // the message's id, its replay would meet the valid part's exactly-once records and be skipped.
    const refusedId = outputEnvelopeId(data.id, `refused:${shortDigest(JSON.stringify(invalid), 12)}`);
    return new PartlyValid({ ...data, events: valid }, { ...data, id: refusedId, events: invalid }, `${reasons.join('; ')} (${invalid.length} of the message's ${total} events; ${others})`);
  };
}

export const decodeEventEnvelope = envelopeDecoder(ajv.compile(normalizedEventSchema));
export const decodeClassifiedEnvelope = envelopeDecoder<ClassifiedEvent>(ajv.compile(classifiedEventSchema));
