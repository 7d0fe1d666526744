import { PersistenceFeature } from '../persistence-feature';

/** Schemas and repositories of the rules domain (owned by that feature's code). */
export const RULES_PERSISTENCE: PersistenceFeature = {
  models: [],
  repositories: [],
};
