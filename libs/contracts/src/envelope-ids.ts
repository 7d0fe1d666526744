import { createHash } from 'node:crypto';

/**
 * The id of one output of a stage that splits an input envelope (classification: the events it
 * classified, and the unknown ones for inference): the input's id, the output's name and a digest
 * of the event ids it carries. A redelivery that splits the input as before republishes the same
 * ids, and JetStream drops the copies. One that splits it otherwise — an answer learnt or a rule
 * changed between the attempts — publishes new ids: with `<id>:classified` alone, the first
 * attempt's output was taken for a copy of the second's and dropped with the events that had
 * moved into it. An event that travels in two outputs is counted once (its id keys its usage log).
 */
export function splitEnvelopeId(inputId: string, output: 'classified' | 'unclassified' | 'inferred', events: ReadonlyArray<{ eventId: string }>): string {
  return outputEnvelopeId(inputId, `${output}:${shortDigest(events.map((e) => e.eventId).join('\u0000'), 12)}`);
}

/**
 * The first `length` characters of the URL-safe SHA-256 digest of `content`: what every derived id
 * (events, output envelopes, refused parts, imported events, watcher buckets, replays) is built
 * from. Stored ids depend on it, so it never changes.
 */
export function shortDigest(content: string | Uint8Array, length: number): string {
  return createHash('sha256').update(content).digest('base64url').slice(0, length);
}

/** Envelope ids are at most this long on every stream (envelope-validation). */
export const MAX_ENVELOPE_ID_LENGTH = 128;

/**
 * The id of the envelope ingestion published (`b-…`: POST /v1/events' `batchId`) that a later
 * stage's envelope derives from (`<batchId>:classified:…`), or undefined when it derives from
 * none (a digest stood in for a long id, or the envelope was put in a stream by hand).
 */
export function batchIdOf(envelopeId: string): string | undefined {
  const root = envelopeId.split(':')[0];
  return root.startsWith('b-') ? root : undefined;
}

/**
 * `<input id>:<suffix>`, an output's id; from an input id too long to take the suffix within
 * MAX_ENVELOPE_ID_LENGTH, a digest of it stands in (`h-…:<suffix>`), or the next stage would
 * refuse the output for its id.
 */
export function outputEnvelopeId(inputId: string, suffix: string): string {
  const id = `${inputId}:${suffix}`;
  return id.length <= MAX_ENVELOPE_ID_LENGTH ? id : `h-${shortDigest(inputId, 32)}:${suffix}`;
}

/**
 * A stage publishes an output as one message up to this size (the envelope's JSON), under the
 * work streams' limit (nats-server's default max_payload, 1 MiB, less room for dead-letter headers).
 */
export const MAX_ENVELOPE_BYTES = 900 * 1024;

/**
 * `events` in consecutive parts whose JSON each stays under `maxBytes` with room for the envelope
 * around them (an event larger than that alone is a part). Deterministic: the same events split alike.
 */
export function envelopeParts<T>(events: T[], maxBytes = MAX_ENVELOPE_BYTES): T[][] {
  const room = maxBytes - 1024;
  const parts: T[][] = [];
  let part: T[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = Buffer.byteLength(JSON.stringify(event)) + 1;
    if (part.length > 0 && bytes + size > room) {
      parts.push(part);
      part = [];
      bytes = 0;
    }
    part.push(event);
    bytes += size;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}
