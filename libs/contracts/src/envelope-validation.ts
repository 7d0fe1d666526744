import Ajv, { ErrorObject, JSONSchemaType, ValidateFunction } from 'ajv';
import { ClassifiedEnvelope, EARLIEST_START_MS, EventEnvelope, LATEST_STREAM_START_MS, NormalizedEvent } from './activity-event';

/**
 * Schemas of what travels on the streams. A message that does not match is a permanent
 * failure: the consumer dead-letters it with the reason instead of retrying it.
 */
const ajv = new Ajv({ allErrors: false, strict: true });

const normalizedEventProperties = {
  eventId: { type: 'string', minLength: 1, maxLength: 128 },
  userId: { type: 'string', minLength: 1, maxLength: 128 },
  app: { type: 'string', minLength: 1, maxLength: 256 },
  title: { type: 'string', maxLength: 2048, nullable: true },
  url: { type: 'string', maxLength: 4096, nullable: true },
  startedAtMs: { type: 'number', minimum: EARLIEST_START_MS, maximum: LATEST_STREAM_START_MS },
  durationSec: { type: 'number', exclusiveMinimum: 0, maximum: 86400 },
  source: { type: 'string', maxLength: 64, nullable: true },
} as const;

const normalizedEventSchema: JSONSchemaType<NormalizedEvent> = {
  type: 'object',
  properties: normalizedEventProperties,
  required: ['eventId', 'userId', 'app', 'startedAtMs', 'durationSec'],
  additionalProperties: false,
};

const eventEnvelopeSchema: JSONSchemaType<EventEnvelope> = {
  type: 'object',
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 128 },
    lane: { type: 'string', enum: ['live', 'bulk'] },
    events: { type: 'array', items: normalizedEventSchema, minItems: 1 },
  },
  required: ['id', 'lane', 'events'],
  additionalProperties: false,
};

const classifiedEnvelopeSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 128 },
    lane: { type: 'string', enum: ['live', 'bulk'] },
    events: {
      type: 'array',
      minItems: 1,
      items: {
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
      },
    },
  },
  required: ['id', 'lane', 'events'],
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
  return { field: path || '(message)', reason: error.message ?? 'is invalid' };
}

/** Returns a validator that throws an Error naming the first bad field. */
function asserter<T>(validate: ValidateFunction<T>): (data: unknown) => T {
  return (data: unknown): T => {
    if (validate(data)) return data;
    const { field, reason } = describeAjvError(validate.errors![0]);
    throw new Error(`${field} ${reason}`);
  };
}

export const assertEventEnvelope = asserter(ajv.compile(eventEnvelopeSchema));
export const assertClassifiedEnvelope = asserter<ClassifiedEnvelope>(ajv.compile(classifiedEnvelopeSchema));
