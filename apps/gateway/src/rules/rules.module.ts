import { Module } from '@nestjs/common';

/** Rules, categories, dry-run classification and corrections (admin scope). */
@Module({})
export class RulesModule {}
