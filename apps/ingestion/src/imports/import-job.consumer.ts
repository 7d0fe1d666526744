import { Injectable } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { ImportDispatch } from '@lib/contracts';
import { Delivery, JetStreamConsumer } from '@lib/messaging';
import { ImportJobRunner } from './import-job.runner';

const JOB_ID = /^imp_[a-f0-9]{8,64}$/;

export function decodeImportDispatch(data: unknown): ImportDispatch {
  const jobId = (data as { jobId?: unknown } | null)?.jobId;
  if (typeof jobId !== 'string' || !JOB_ID.test(jobId)) throw new Error('jobId must be an import job id (imp_…)');
  return { jobId };
}

/**
 * Import jobs, one at a time per ingestion instance (more instances run more jobs at once). A
 * job holds its message while it runs (the consumer loop keeps it in progress); a crash means
 * redelivery, and the job resumes after its last committed chunk.
 */
@Injectable()
export class ImportJobConsumer {
  constructor(private readonly runner: ImportJobRunner, private readonly config: AppConfig) {}

  @JetStreamConsumer({
    stage: 'imports',
    stream: (n) => n.streams.imports,
    durable: 'imports',
    filterSubject: (n) => n.subjects.importJobs,
    decode: decodeImportDispatch,
    batchSize: 1,
    concurrency: 1,
    // A job runs for minutes: the next one waits in the stream, for whichever instance is free first.
    prefetch: false,
  })
  async handle(batch: Delivery<ImportDispatch>[]): Promise<void> {
    for (const delivery of batch) {
      const outcome = await this.runner.run(delivery.data.jobId, delivery.msg.seq, delivery.deliveryCount >= this.config.MAX_DELIVERIES, delivery.consumerStopping);
      if (outcome === 'taken over') delivery.leaveToOtherDelivery();
    }
  }
}
