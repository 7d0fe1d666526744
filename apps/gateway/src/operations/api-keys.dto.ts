import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsDefined, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { USER_ID } from '@lib/contracts';
import { API_KEY_SCOPES, ApiKeyScope } from '@lib/persistence';

/**
 * Body of POST /v1/api-keys and input of the createApiKey mutation. Checked with stopAtFirstError,
 * which runs a property's checks from the one nearest to it upwards: the most basic is the lowest.
 */
@InputType()
export class CreateApiKeyInput {
  @Field()
  @ApiProperty({ example: 'alice laptop tracker', maxLength: 100 })
  @Length(1, 100, { message: 'name must be 1 to 100 characters' })
  @IsString({ message: 'name must be a text' })
  @IsDefined({ message: 'name is required: a text of 1 to 100 characters' })
  name!: string;

  @Field(() => [String])
  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, example: ['ingest'] })
  @ArrayMaxSize(API_KEY_SCOPES.length, { message: `scopes must list each of ${API_KEY_SCOPES.join(', ')} at most once` })
  @IsIn(API_KEY_SCOPES, { each: true, message: `scopes may only contain ${API_KEY_SCOPES.join(', ')}` })
  @ArrayNotEmpty({ message: 'scopes must name at least one scope' })
  @IsArray({ message: `scopes must be a list of ${API_KEY_SCOPES.join(', ')}` })
  @IsDefined({ message: `scopes is required: a list of ${API_KEY_SCOPES.join(', ')}` })
  scopes!: ApiKeyScope[];

  @Field({ nullable: true })
  @ApiPropertyOptional({ description: 'Bind the key to one user: it may only submit that user’s events', example: 'alice' })
  @IsOptional()
  @Matches(USER_ID, { message: 'userId must be 1-128 letters, digits or ._:@+=/-' })
  userId?: string;
}

@ObjectType()
export class ApiKeyInfo {
  @Field() @ApiProperty() id!: string;
  @Field() @ApiProperty() name!: string;
  @Field(() => [String]) @ApiProperty({ enum: API_KEY_SCOPES, isArray: true }) scopes!: string[];
  @Field({ nullable: true }) @ApiPropertyOptional() userId?: string;
  @Field() @ApiProperty() createdAt!: string;
  @Field({ nullable: true }) @ApiPropertyOptional() revokedAt?: string;
}

@ObjectType()
export class CreatedApiKey {
  @Field() @ApiProperty() id!: string;
  @Field({ description: 'The secret, shown this once: only its hash is stored' })
  @ApiProperty({ description: 'The secret, shown this once: only its hash is stored' })
  key!: string;
  @Field() @ApiProperty() name!: string;
  @Field(() => [String]) @ApiProperty({ enum: API_KEY_SCOPES, isArray: true }) scopes!: string[];
  @Field({ nullable: true }) @ApiPropertyOptional() userId?: string;
}
