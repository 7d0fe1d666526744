import { PersistenceFeature } from '../persistence-feature';
import { ClassificationAnswerRepository } from './classification-answer.repository';
import { ClassificationAnswer, ClassificationAnswerSchema } from './classification-answer.schema';
import { LlmQuestionClaimRepository } from './llm-question-claim.repository';
import { LlmQuestionClaim, LlmQuestionClaimSchema } from './llm-question-claim.schema';
import { RuleRepository } from './rule.repository';
import { Rule, RuleSchema } from './rule.schema';
import { RulesetMetaRepository } from './ruleset-meta.repository';
import { RulesetMeta, RulesetMetaSchema } from './ruleset-meta.schema';

export * from './classification-answer.repository';
export * from './classification-answer.schema';
export * from './llm-question-claim.repository';
export * from './llm-question-claim.schema';
export * from './rule.repository';
export * from './rule.schema';
export * from './ruleset-meta.repository';
export * from './ruleset-meta.schema';

/** Rules, the ruleset version, known answers (owned by the classification app) and the questions inference instances are asking the LLM. */
export const RULES_PERSISTENCE: PersistenceFeature = {
  models: [
    { name: Rule.name, schema: RuleSchema },
    { name: RulesetMeta.name, schema: RulesetMetaSchema },
    { name: ClassificationAnswer.name, schema: ClassificationAnswerSchema },
    { name: LlmQuestionClaim.name, schema: LlmQuestionClaimSchema },
  ],
  repositories: [RuleRepository, RulesetMetaRepository, ClassificationAnswerRepository, LlmQuestionClaimRepository],
};
