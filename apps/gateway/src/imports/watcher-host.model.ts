import { Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

/** A watcher machine mapped to a user: REST `/v1/watchers` and GraphQL `watchers` answer the same. */
@ObjectType('WatcherHost')
export class WatcherHostView {
  @ApiProperty({ description: 'lower case, as matched' }) @Field({ description: 'lower case, as matched' }) hostname!: string;
  @ApiProperty() @Field() userId!: string;
  @ApiProperty({ format: 'date-time' }) @Field() updatedAt!: string;
}
