import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Rejection } from '../graphql/graphql.models';
import { RULE_KINDS } from '@lib/classifier-engine';

@ObjectType('Rule')
export class RuleModel {
  @ApiProperty() @Field() id!: string;
  @ApiProperty({ enum: RULE_KINDS }) @Field({ description: 'app | domain | title-keyword | title-regex' }) kind!: string;
  @ApiProperty() @Field() pattern!: string;
  @ApiProperty() @Field() categoryId!: string;
  @ApiPropertyOptional({ description: 'higher wins, default 0' }) @Field(() => Float, { nullable: true }) priority?: number;
  @ApiPropertyOptional() @Field({ nullable: true }) override?: boolean;
  @ApiPropertyOptional() @Field({ nullable: true }) appFilter?: string;
  @ApiPropertyOptional() @Field({ nullable: true }) matchApp?: boolean;
  @ApiPropertyOptional({ description: 'absent in exports' }) @Field({ nullable: true, description: 'absent in exports' }) createdAt?: string;
  @ApiPropertyOptional() @Field({ nullable: true }) updatedAt?: string;
}

@ObjectType('RuleLeftOut')
export class RuleLeftOutModel {
  @ApiProperty() @Field() ruleId!: string;
  @ApiProperty({ description: 'why the classifier engine refuses the stored rule' }) @Field({ description: 'why the classifier engine refuses the stored rule' }) reason!: string;
}

@ObjectType('RulesPage')
export class RulesPageModel {
  @ApiProperty({ type: 'integer' }) @Field(() => Int) rulesetVersion!: number;
  @ApiProperty({ type: 'integer', description: 'rules matching the filter, on every page' }) @Field(() => Int) total!: number;
  @ApiProperty({ type: () => [RuleModel] }) @Field(() => [RuleModel]) items!: RuleModel[];
  @ApiProperty({ type: () => [RuleLeftOutModel] })
  @Field(() => [RuleLeftOutModel], { description: 'stored rules classification runs without because the engine refuses them (fix or delete them); all of them, whatever the page' })
  leftOut!: RuleLeftOutModel[];
}

@ObjectType('Category')
export class CategoryModel {
  @ApiProperty({ description: 'slug path, e.g. work:programming' }) @Field({ description: 'slug path, e.g. work:programming' }) id!: string;
  @ApiProperty() @Field() name!: string;
  @ApiPropertyOptional() @Field({ nullable: true }) parentId?: string;
  @ApiProperty() @Field() color!: string;
  @ApiProperty() @Field() productive!: boolean;
}

@ObjectType('CategoriesList')
export class CategoriesListModel {
  @ApiProperty({ type: 'integer' }) @Field(() => Int) rulesetVersion!: number;
  @ApiProperty({ type: () => [CategoryModel] }) @Field(() => [CategoryModel]) items!: CategoryModel[];
}

const COMMIT_WARNINGS = 'present only when the change is stored but the running instances could not be told of it at once (NATS unreachable): each takes it when it next compares with the database (as it reconnects to NATS, or at its 30 s check), and events sent before then may be classified without it';

@ObjectType('RuleChange')
export class RuleChangeModel {
  @ApiProperty({ type: 'integer' }) @Field(() => Int) rulesetVersion!: number;
  @ApiProperty({ type: () => RuleModel }) @Field(() => RuleModel) rule!: RuleModel;
  @ApiPropertyOptional({ type: [String], description: COMMIT_WARNINGS }) @Field(() => [String], { nullable: true, description: COMMIT_WARNINGS }) warnings?: string[];
}

@ObjectType('CategoryChange')
export class CategoryChangeModel {
  @ApiProperty({ type: 'integer' }) @Field(() => Int) rulesetVersion!: number;
  @ApiProperty({ type: () => CategoryModel }) @Field(() => CategoryModel) category!: CategoryModel;
  @ApiPropertyOptional({ type: [String], description: COMMIT_WARNINGS }) @Field(() => [String], { nullable: true, description: COMMIT_WARNINGS }) warnings?: string[];
}

@ObjectType('RulesetDeletion')
export class DeletionModel {
  @ApiProperty({ type: 'integer' }) @Field(() => Int) rulesetVersion!: number;
  @ApiProperty({ description: 'the id deleted' }) @Field() deleted!: string;
  @ApiPropertyOptional({ type: [String], description: COMMIT_WARNINGS }) @Field(() => [String], { nullable: true, description: COMMIT_WARNINGS }) warnings?: string[];
}

@ObjectType('RulesetCorrection')
export class RulesetCorrectionModel {
  @ApiProperty() @Field() app!: string;
  @ApiPropertyOptional() @Field({ nullable: true }) title?: string;
  @ApiPropertyOptional() @Field({ nullable: true }) url?: string;
  @ApiProperty() @Field() categoryId!: string;
}

@ObjectType('RulesetDocument')
export class RulesetDocumentModel {
  @ApiProperty({ type: 'integer' }) @Field(() => Int) version!: number;
  @ApiProperty({ type: () => [CategoryModel] }) @Field(() => [CategoryModel]) categories!: CategoryModel[];
  @ApiProperty({ type: () => [RuleModel] }) @Field(() => [RuleModel]) rules!: RuleModel[];
  @ApiProperty({ type: () => [RulesetCorrectionModel], description: 'corrections (PUT /v1/classifications), each question as first given; optional on import' })
  @Field(() => [RulesetCorrectionModel], { description: 'corrections, each question as first given' })
  corrections!: RulesetCorrectionModel[];
}

@ObjectType('RuleConflict')
export class RuleConflictModel {
  @ApiProperty({ enum: RULE_KINDS }) @Field() kind!: string;
  @ApiProperty({ description: 'normalized pattern shared by the rules' }) @Field({ description: 'normalized pattern shared by the rules' }) pattern!: string;
  @ApiPropertyOptional() @Field({ nullable: true }) appFilter?: string;
  @ApiProperty({ type: [String] }) @Field(() => [String]) ruleIds!: string[];
  @ApiProperty({ type: [String] }) @Field(() => [String]) categoryIds!: string[];
  @ApiProperty({ description: 'override/priority single out one winner: reported, not refused' }) @Field({ description: 'override/priority single out one winner: reported, not refused' }) resolvedByPrecedence!: boolean;
}

@ObjectType('ImportedCategories')
export class ImportedCategoriesModel {
  @ApiProperty({ type: [String] }) @Field(() => [String]) created!: string[];
  @ApiProperty({ type: [String] }) @Field(() => [String]) updated!: string[];
  @ApiProperty({ type: [String] }) @Field(() => [String]) kept!: string[];
  @ApiProperty({ type: [String] }) @Field(() => [String]) removed!: string[];
}

@ObjectType('ImportedRules')
export class ImportedRulesModel {
  @ApiProperty({ type: 'integer' }) @Field(() => Int) imported!: number;
  @ApiProperty({ type: [String] }) @Field(() => [String]) skipped!: string[];
  @ApiProperty({ type: 'integer' }) @Field(() => Int) removed!: number;
}

@ObjectType('ImportedCorrections')
export class ImportedCorrectionsModel {
  @ApiProperty({ type: 'integer' }) @Field(() => Int) imported!: number;
  @ApiProperty({ type: 'integer', description: "stored corrections a replace import's corrections lacked" }) @Field(() => Int) removed!: number;
}

@ObjectType('ImportReport')
export class ImportReportModel {
  @ApiProperty({ type: 'integer' }) @Field(() => Int) rulesetVersion!: number;
  @ApiProperty({ enum: ['merge', 'replace'] }) @Field() mode!: string;
  @ApiProperty({ enum: ['reject', 'skip'] }) @Field() onConflict!: string;
  @ApiProperty({ type: () => ImportedCategoriesModel }) @Field(() => ImportedCategoriesModel) categories!: ImportedCategoriesModel;
  @ApiProperty({ type: () => ImportedRulesModel }) @Field(() => ImportedRulesModel) rules!: ImportedRulesModel;
  @ApiProperty({ type: () => ImportedCorrectionsModel }) @Field(() => ImportedCorrectionsModel) corrections!: ImportedCorrectionsModel;
  @ApiProperty({ type: () => [RuleConflictModel] }) @Field(() => [RuleConflictModel]) conflicts!: RuleConflictModel[];
  @ApiProperty({ type: [String] }) @Field(() => [String]) warnings!: string[];
}

@ObjectType('ClassifyResult')
export class ClassifyResultModel {
  @ApiProperty({ type: 'string', nullable: true, description: 'category id; null when nothing knows the item' }) @Field(() => String, { nullable: true, description: 'category id; null when nothing knows the item' }) category!: string | null;
  @ApiProperty({ type: [String], description: 'category names from the root down' }) @Field(() => [String]) path!: string[];
  @ApiProperty({ description: 'manual, rule, cache or none' }) @Field({ description: 'manual | rule | cache | none' }) source!: string;
  @ApiProperty() @Field(() => Float) confidence!: number;
  @ApiPropertyOptional() @Field({ nullable: true }) ruleId?: string;
}

@ObjectType('ClassifyResponse')
export class ClassifyResponseModel {
  @ApiProperty({ type: 'integer' }) @Field(() => Int) rulesetVersion!: number;
  // OpenAPI 3.0 has no null type: a null-only alternative (nullable with enum [null]) beside the result.
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(ClassifyResultModel) }, { type: 'object', nullable: true, enum: [null] }] },
    description: 'one per item, in order; null for a refused item',
  })
  @Field(() => [ClassifyResultModel], { nullable: 'items', description: 'one per item, in order; null for a refused item (see rejected)' })
  results!: Array<ClassifyResultModel | null>;
  @ApiProperty({ type: () => [Rejection], description: 'each refused item: its index, the field at fault ((item) for the whole item) and why' })
  @Field(() => [Rejection])
  rejected!: Rejection[];
}

@ObjectType('CorrectionResult')
export class CorrectionResultModel {
  @ApiProperty({ type: 'integer' }) @Field(() => Int) rulesetVersion!: number;
  @ApiProperty({ description: 'answerKey of the normalized question: DELETE /v1/classifications/:key undoes the correction' }) @Field({ description: 'answerKey of the normalized question' }) key!: string;
  @ApiProperty() @Field() categoryId!: string;
  @ApiProperty() @Field() app!: string;
  @ApiPropertyOptional() @Field({ nullable: true }) title?: string;
  @ApiPropertyOptional() @Field({ nullable: true }) url?: string;
  @ApiPropertyOptional({ type: [String], description: COMMIT_WARNINGS }) @Field(() => [String], { nullable: true, description: COMMIT_WARNINGS }) warnings?: string[];
}

@ObjectType('Correction')
export class CorrectionModel {
  @ApiProperty({ description: 'answerKey of the normalized question: DELETE /v1/classifications/:key undoes the correction' }) @Field({ description: 'answerKey of the normalized question' }) key!: string;
  @ApiProperty() @Field() categoryId!: string;
  @ApiProperty({ description: 'as first given' }) @Field({ description: 'as first given' }) app!: string;
  @ApiPropertyOptional() @Field({ nullable: true }) title?: string;
  @ApiPropertyOptional() @Field({ nullable: true }) url?: string;
  @ApiProperty({ format: 'date-time' }) @Field() createdAt!: string;
  @ApiProperty({ format: 'date-time' }) @Field() updatedAt!: string;
}

@ObjectType('CorrectionsPage')
export class CorrectionsPageModel {
  @ApiProperty({ type: 'integer' }) @Field(() => Int) rulesetVersion!: number;
  @ApiProperty({ type: 'integer', description: 'corrections matching the filter, on every page' }) @Field(() => Int) total!: number;
  @ApiProperty({ type: () => [CorrectionModel] }) @Field(() => [CorrectionModel]) items!: CorrectionModel[];
}

@InputType()
export class RuleInput {
  @Field({ nullable: true, description: 'generated when absent' }) id?: string;
  @Field() kind!: string;
  @Field() pattern!: string;
  @Field() categoryId!: string;
  @Field(() => Float, { nullable: true }) priority?: number;
  @Field({ nullable: true }) override?: boolean;
  @Field({ nullable: true }) appFilter?: string;
  @Field({ nullable: true }) matchApp?: boolean;
}

@InputType({ description: 'Fields to change; null removes an optional field' })
export class RulePatchInput {
  @Field({ nullable: true }) kind?: string;
  @Field({ nullable: true }) pattern?: string;
  @Field({ nullable: true }) categoryId?: string;
  @Field(() => Float, { nullable: true }) priority?: number;
  @Field({ nullable: true }) override?: boolean;
  @Field({ nullable: true }) appFilter?: string;
  @Field({ nullable: true }) matchApp?: boolean;
}

@InputType()
export class CategoryInput {
  @Field({ nullable: true, description: '<parentId>:<slug of name> when absent' }) id?: string;
  @Field() name!: string;
  @Field({ nullable: true }) parentId?: string;
  @Field({ nullable: true, description: "default: the parent's" }) color?: string;
  @Field({ nullable: true, description: "default: the parent's, else false" }) productive?: boolean;
}

@InputType({ description: 'Fields to change; parentId null makes it a root' })
export class CategoryPatchInput {
  @Field({ nullable: true }) name?: string;
  @Field({ nullable: true }) parentId?: string;
  @Field({ nullable: true }) color?: string;
  @Field({ nullable: true }) productive?: boolean;
}

@InputType()
export class ClassifyItemInput {
  @Field() app!: string;
  @Field({ nullable: true }) title?: string;
  @Field({ nullable: true }) url?: string;
}

@InputType({ description: '{ app, title?, url? } or { eventId }, with categoryId' })
export class CorrectionInput {
  @Field({ nullable: true }) eventId?: string;
  @Field({ nullable: true }) app?: string;
  @Field({ nullable: true }) title?: string;
  @Field({ nullable: true }) url?: string;
  @Field() categoryId!: string;
}
