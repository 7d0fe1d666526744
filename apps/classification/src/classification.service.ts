import { Injectable } from '@nestjs/common';
import { ClassifierEngine, DEFAULT_RULESET } from '@lib/classifier-engine';
import { boardsForCategory, ClassifiedEvent, NormalizedEvent } from '@lib/contracts';

export interface ClassifiedSplit {
  classified: ClassifiedEvent[];
  /** No rule knows these: they go on to inference. */
  unknown: NormalizedEvent[];
}

/** Applies the rules engine to events; pure computation over the current ruleset. */
@Injectable()
export class ClassificationService {
  private engine = new ClassifierEngine(DEFAULT_RULESET);

  classify(events: NormalizedEvent[]): ClassifiedSplit {
    const classified: ClassifiedEvent[] = [];
    const unknown: NormalizedEvent[] = [];
    for (const event of events) {
      const result = this.engine.classify({ app: event.app, title: event.title, url: event.url });
      if (!result) {
        unknown.push(event);
        continue;
      }
      classified.push({
        ...event,
        classification: { categoryId: result.categoryId, source: 'rule', confidence: result.confidence, ruleId: result.ruleId, rulesetVersion: result.rulesetVersion },
        boards: boardsForCategory(this.engine, result.categoryId),
      });
    }
    return { classified, unknown };
  }
}
