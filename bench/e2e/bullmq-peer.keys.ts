/** Redis counter of events the BullMQ peer's store worker has written (Mongo and Redis). */
export const BULLMQ_STORED_KEY = 'bq:stored-events';
