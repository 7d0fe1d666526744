/** JetStream API error codes the apps tell apart (nats-server's errors.json). */
export const JetStreamErrorCode = {
  /** The durable consumer does not exist. */
  CONSUMER_NOT_FOUND: 10014,
  /** No message matches a direct or last-by-subject get. */
  NO_MESSAGE_FOUND: 10037,
  /** A stream of this name exists with another configuration. */
  STREAM_NAME_EXISTS: 10058,
  /** The stream (or the KV bucket behind it) does not exist. */
  STREAM_NOT_FOUND: 10059,
  /** An expected-last-sequence condition failed: a KV compare-and-set lost. */
  WRONG_LAST_SEQUENCE: 10071,
} as const;

/** The code of JetStream's API error, or undefined for any other error (a timeout, a closed connection). */
export function jetStreamErrorCode(error: unknown): number | undefined {
  return (error as { api_error?: { err_code?: number } } | undefined)?.api_error?.err_code;
}

/** Whether `error` is JetStream's API error with this code. */
export function isJetStreamError(error: unknown, code: number): boolean {
  return jetStreamErrorCode(error) === code;
}
