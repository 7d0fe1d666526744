/** Headers a dead letter carries besides the original message's own. */
export const DLQ_HEADERS = {
  reason: 'ap-dlq-reason',
  stage: 'ap-dlq-stage',
  subject: 'ap-dlq-subject',
  stream: 'ap-dlq-stream',
  streamSequence: 'ap-dlq-stream-seq',
  deliveries: 'ap-dlq-deliveries',
  failedAt: 'ap-dlq-failed-at',
} as const;
