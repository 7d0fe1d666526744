import { Packr } from 'msgpackr';
import { MsgHdrs } from 'nats';

/** Names the encoding of a stream message's payload; a message without it is JSON. */
export const ENCODING_HEADER = 'ap-encoding';
export const MSGPACK_ENCODING = 'msgpack';

/**
 * The pipeline's messages are MessagePack with records: an envelope's events share their keys,
 * which each message then carries once, so it decodes on its own (no structures shared between
 * apps to keep in step). Against JSON it took about a third of the CPU to encode and decode an
 * envelope, and half the bytes (docs/architecture.md, "Messages on the wire").
 */
const packr = new Packr({ useRecords: true });
const utf8 = new TextDecoder();

export interface EncodedMessage {
  data: Uint8Array;
  headers: Record<string, string>;
}

/** The payload's bytes and the header that names their encoding. */
export function encodeMessage(payload: unknown): EncodedMessage {
  return { data: packr.pack(payload), headers: { [ENCODING_HEADER]: MSGPACK_ENCODING } };
}

/**
 * A message's payload, by the encoding its header names: MessagePack from the pipeline's own
 * publishers, JSON from anything else (a tool, an older version's messages still in a stream).
 */
export function decodeMessage(data: Uint8Array, headers: MsgHdrs | undefined): unknown {
  return isMessagePack(headers) ? decodeMessagePack(data) : JSON.parse(utf8.decode(data));
}

export function decodeMessagePack(data: Uint8Array): unknown {
  return packr.unpack(data);
}

export function isMessagePack(headers: MsgHdrs | undefined): boolean {
  return headers?.get(ENCODING_HEADER) === MSGPACK_ENCODING;
}
