import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ImportJobRejection')
export class ImportJobRejectionModel {
  @Field(() => Int, { nullable: true, description: 'CSV row number (header = 1)' }) row?: number;
  @Field({ description: 'CSV column, or the location of an ActivityWatch event' }) field!: string;
  @Field() reason!: string;
}

@ObjectType('ImportJob')
export class ImportJobModel {
  @Field() id!: string;
  @Field({ description: 'PENDING, PROCESSING, DONE or FAILED' }) status!: string;
  @Field() format!: string;
  @Field({ nullable: true }) userId?: string;
  @Field({ nullable: true }) fileName?: string;
  @Field(() => Float, { nullable: true }) bytesTotal?: number;
  @Field(() => Float) bytesRead!: number;
  @Field(() => Int, { nullable: true }) rowsTotal?: number;
  @Field(() => Int) rowsProcessed!: number;
  @Field(() => Float, { nullable: true, description: '0..1 when the total is known' }) progress!: number | null;
  @Field(() => Int) accepted!: number;
  @Field(() => Int) duplicates!: number;
  @Field(() => Int) rejectedCount!: number;
  @Field(() => [ImportJobRejectionModel]) rejected!: ImportJobRejectionModel[];
  @Field() rejectedTruncated!: boolean;
  @Field({ nullable: true }) error?: string;
  @Field() createdAt!: string;
  @Field({ nullable: true }) startedAt?: string;
  @Field({ nullable: true }) finishedAt?: string;
  @Field(() => Float, { nullable: true }) rowsPerSec?: number;
}
