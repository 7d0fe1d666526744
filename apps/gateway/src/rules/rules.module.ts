import { Module } from '@nestjs/common';
import { CategoriesController } from './categories.controller';
import { ClassificationClient } from './classification.client';
import { ClassificationsController } from './classifications.controller';
import { RulesController } from './rules.controller';
import { RulesResolver } from './rules.resolver';

/** Rules, categories, dry-run classification and corrections (REST and GraphQL). */
@Module({
  controllers: [RulesController, CategoriesController, ClassificationsController],
  providers: [ClassificationClient, RulesResolver],
})
export class RulesModule {}
