import { Injectable } from '@nestjs/common';
import { ClassifierEngine, DEFAULT_RULESET } from '@lib/classifier-engine';
import { boardsForCategory, ClassifiedEvent, NormalizedEvent } from '@lib/contracts';

export const FALLBACK_CATEGORY = 'uncategorized';

/** Answers what no rule knows. Until a model is loaded, every answer is the labelled fallback. */
@Injectable()
export class InferenceService {
  private readonly taxonomy = new ClassifierEngine(DEFAULT_RULESET);

  async infer(events: NormalizedEvent[]): Promise<ClassifiedEvent[]> {
    return events.map((event) => ({
      ...event,
      classification: { categoryId: FALLBACK_CATEGORY, source: 'fallback', confidence: 0, rulesetVersion: DEFAULT_RULESET.version },
      boards: boardsForCategory(this.taxonomy, FALLBACK_CATEGORY),
    }));
  }
}
