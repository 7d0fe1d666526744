import { Provider } from '@nestjs/common';
import { ModelDefinition } from '@nestjs/mongoose';

/** What one domain folder contributes to the shared data-access module. */
export interface PersistenceFeature {
  models: ModelDefinition[];
  repositories: Provider[];
}
