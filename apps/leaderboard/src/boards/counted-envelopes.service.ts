import { Injectable } from '@nestjs/common';
import { AppliedEnvelopeRepository } from '@lib/persistence';
import { LeaderboardStore } from './leaderboard.store';

/** Point lookups in flight at once (one per envelope: FerretDB answers `$in` by decoding every document). */
const LOOKUPS_AT_ONCE = 500;

/**
 * Which envelopes' increments the boards hold, as the writer's protocol knows it: recorded in
 * applied_envelopes (step 4), or with their Redis marker (step 3 done, step 4 not yet). The logs
 * of any other envelope are stored but not counted yet: their message waits for its redelivery
 * (a failed or crashed write) or sits in the dead letters, and counts when it is written again.
 */
@Injectable()
export class CountedEnvelopes {
  constructor(private readonly applied: AppliedEnvelopeRepository, private readonly store: LeaderboardStore) {}

  async among(envelopeIds: string[]): Promise<Set<string>> {
    const counted = new Set<string>();
    for (let from = 0; from < envelopeIds.length; from += LOOKUPS_AT_ONCE) {
      const chunk = envelopeIds.slice(from, from + LOOKUPS_AT_ONCE);
      const recorded = await this.applied.appliedAmong(chunk);
      const marked = await this.store.markedAmong(chunk.filter((id) => !recorded.has(id)));
      for (const id of [...recorded, ...marked]) counted.add(id);
    }
    return counted;
  }
}
