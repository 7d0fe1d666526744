import { PersistenceFeature } from '../persistence-feature';
import { ArchivedBoardRepository } from './archived-board.repository';
import { ArchivedBoard, ArchivedBoardSchema } from './archived-board.schema';

export * from './archived-board.repository';
export * from './archived-board.schema';

/** Schemas and repositories of the archive domain (leaderboard periods moved out of Redis). */
export const ARCHIVE_PERSISTENCE: PersistenceFeature = {
  models: [{ name: ArchivedBoard.name, schema: ArchivedBoardSchema }],
  repositories: [ArchivedBoardRepository],
};
