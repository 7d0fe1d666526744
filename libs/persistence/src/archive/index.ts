import { PersistenceFeature } from '../persistence-feature';

/** Schemas and repositories of the archive domain (owned by that feature's code). */
export const ARCHIVE_PERSISTENCE: PersistenceFeature = {
  models: [],
  repositories: [],
};
