import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IMPORT_FORMATS } from '@lib/contracts';

@ObjectType('ImportJobRejection')
export class ImportJobRejectionModel {
  @ApiPropertyOptional({ type: 'integer', description: 'CSV row number (header = 1)' }) @Field(() => Int, { nullable: true, description: 'CSV row number (header = 1)' }) row?: number;
  @ApiProperty({ description: 'CSV column, or the location of an ActivityWatch event' }) @Field({ description: 'CSV column, or the location of an ActivityWatch event' }) field!: string;
  @ApiProperty() @Field() reason!: string;
}

@ObjectType('ImportJob')
export class ImportJobModel {
  @ApiProperty() @Field() id!: string;
  @ApiProperty({ enum: ['PENDING', 'PROCESSING', 'DONE', 'FAILED'] }) @Field({ description: 'PENDING, PROCESSING, DONE or FAILED' }) status!: string;
  @ApiProperty({ enum: IMPORT_FORMATS }) @Field() format!: string;
  @ApiPropertyOptional() @Field({ nullable: true }) userId?: string;
  @ApiPropertyOptional() @Field({ nullable: true }) fileName?: string;
  @ApiPropertyOptional() @Field(() => Float, { nullable: true }) bytesTotal?: number;
  @ApiProperty() @Field(() => Float) bytesRead!: number;
  @ApiPropertyOptional({ type: 'integer' }) @Field(() => Int, { nullable: true }) rowsTotal?: number;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) rowsProcessed!: number;
  @ApiProperty({ type: 'number', nullable: true, description: '0..1 when the total is known' }) @Field(() => Float, { nullable: true, description: '0..1 when the total is known' }) progress!: number | null;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) accepted!: number;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) duplicates!: number;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) rejectedCount!: number;
  @ApiPropertyOptional({ type: () => [ImportJobRejectionModel], description: 'one job only, not in lists' })
  @Field(() => [ImportJobRejectionModel], { nullable: true, description: 'one job only (importJob); null in lists (importJobs)' })
  rejected?: ImportJobRejectionModel[];
  @ApiProperty() @Field() rejectedTruncated!: boolean;
  @ApiPropertyOptional() @Field({ nullable: true }) error?: string;
  @ApiProperty() @Field() createdAt!: string;
  @ApiPropertyOptional() @Field({ nullable: true }) startedAt?: string;
  @ApiPropertyOptional() @Field({ nullable: true }) finishedAt?: string;
  @ApiPropertyOptional() @Field(() => Float, { nullable: true }) rowsPerSec?: number;
}

@ObjectType('ImportJobPage')
export class ImportJobPageModel {
  @Field(() => [ImportJobModel], { description: 'newest first, without their rejected rows' }) jobs!: ImportJobModel[];
  @Field({ description: 'more jobs past this page (ask again with offset + limit)' }) hasMore!: boolean;
}
