import { ConsumerInfo, JetStreamManager, MsgRequest } from 'nats';
import { isJetStreamError, JetStreamErrorCode } from './jetstream-errors';

/**
 * When the oldest message a durable consumer has not acknowledged was stored, or null when it has
 * acknowledged everything: the first message its filter selects that it has not acknowledged. The
 * event streams delete messages older than STREAM_MAX_AGE_HOURS whether a stage handled them or
 * not, so this says how close a stalled stage is to losing events.
 */
export async function oldestUnackedAt(jsm: JetStreamManager, info: ConsumerInfo): Promise<Date | null> {
  if (info.num_pending + info.num_ack_pending === 0) return null;
  // Delivered but unacknowledged messages lie after the ack floor, undelivered ones after the last
  // delivered. The server reports an ack floor of 0 until the first ack, which is exact for the
  // pipeline's consumers (they deliver from the stream's start) and an overestimate for one that
  // started later and has acknowledged nothing yet.
  const from = info.num_ack_pending > 0 ? info.ack_floor.stream_seq + 1 : info.delivered.stream_seq + 1;
  // nats-server ≥ 2.9 answers `next_by_subj` on the plain message-get API; nats.js types it for direct gets only.
  const query = { seq: from, next_by_subj: info.config.filter_subject ?? '>' } as unknown as MsgRequest;
  try {
    return (await jsm.streams.getMessage(info.stream_name, query)).time;
  } catch (error) {
    if (isJetStreamError(error, JetStreamErrorCode.NO_MESSAGE_FOUND)) return null; // acknowledged (or deleted) meanwhile
    throw error;
  }
}
