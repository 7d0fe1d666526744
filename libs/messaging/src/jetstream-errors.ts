/** JetStream API error codes the apps tell apart (nats-server's errors.json). */
export const JetStreamErrorCode = {
  /** No message matches a direct or last-by-subject get. */
  NO_MESSAGE_FOUND: 10037,
  /** The stream (or the KV bucket behind it) does not exist. */
  STREAM_NOT_FOUND: 10059,
  /** An expected-last-sequence condition failed: a KV compare-and-set lost. */
  WRONG_LAST_SEQUENCE: 10071,
} as const;

/** Whether `error` is JetStream's API error with this code. */
export function isJetStreamError(error: unknown, code: number): boolean {
  return (error as { api_error?: { err_code?: number } } | undefined)?.api_error?.err_code === code;
}
