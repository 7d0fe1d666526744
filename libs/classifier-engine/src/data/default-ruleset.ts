import { Ruleset } from '../ruleset.types';
import { DEFAULT_RULES } from './default-rules';
import { DEFAULT_TAXONOMY } from './default-taxonomy';

export const DEFAULT_RULESET: Ruleset = { version: 1, categories: DEFAULT_TAXONOMY, rules: DEFAULT_RULES };
