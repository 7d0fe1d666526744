import { PersistenceFeature } from '../persistence-feature';
import { CategoryRepository } from './category.repository';
import { Category, CategorySchema } from './category.schema';

export * from './category.repository';
export * from './category.schema';

export const CATEGORIES_PERSISTENCE: PersistenceFeature = {
  models: [{ name: Category.name, schema: CategorySchema }],
  repositories: [CategoryRepository],
};
