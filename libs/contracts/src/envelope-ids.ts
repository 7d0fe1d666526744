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
export function splitEnvelopeId(inputId: string, output: 'classified' | 'unclassified', events: ReadonlyArray<{ eventId: string }>): string {
  const digest = createHash('sha256').update(events.map((e) => e.eventId).join('\u0000')).digest('base64url').slice(0, 12);
  return `${inputId}:${output}:${digest}`;
}
