import { PersistenceFeature } from '../persistence-feature';

/** Schemas and repositories of the imports domain (owned by that feature's code). */
export const IMPORTS_PERSISTENCE: PersistenceFeature = {
  models: [],
  repositories: [],
};
