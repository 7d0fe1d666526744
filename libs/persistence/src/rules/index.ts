import { PersistenceFeature } from '../persistence-feature';
import { ClassificationAnswerRepository } from './classification-answer.repository';
import { ClassificationAnswer, ClassificationAnswerSchema } from './classification-answer.schema';
import { ClassificationCorrectionRepository } from './classification-correction.repository';
import { ClassificationCorrection, ClassificationCorrectionSchema } from './classification-correction.schema';
import { LlmQuestionClaimRepository } from './llm-question-claim.repository';
import { LlmQuestionClaim, LlmQuestionClaimSchema } from './llm-question-claim.schema';
import { RuleRepository } from './rule.repository';
import { Rule, RuleSchema } from './rule.schema';
import { RulesetMetaRepository } from './ruleset-meta.repository';
import { RulesetMeta, RulesetMetaSchema } from './ruleset-meta.schema';

export * from './classification-answer.repository';
export * from './classification-answer.schema';
export * from './classification-correction.repository';
export * from './classification-correction.schema';
export * from './llm-question-claim.repository';
export * from './llm-question-claim.schema';
export * from './rule.repository';
export * from './rule.schema';
export * from './ruleset-meta.repository';
export * from './ruleset-meta.schema';

/** Rules, the ruleset version, cached answers and corrections (owned by the classification app) and the questions inference instances are asking the LLM. */
export const RULES_PERSISTENCE: PersistenceFeature = {
  models: [
    { name: Rule.name, schema: RuleSchema },
    { name: RulesetMeta.name, schema: RulesetMetaSchema },
    { name: ClassificationAnswer.name, schema: ClassificationAnswerSchema },
    { name: ClassificationCorrection.name, schema: ClassificationCorrectionSchema },
    { name: LlmQuestionClaim.name, schema: LlmQuestionClaimSchema },
  ],
  repositories: [RuleRepository, RulesetMetaRepository, ClassificationAnswerRepository, ClassificationCorrectionRepository, LlmQuestionClaimRepository],
};
