import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const API_KEY_SCOPES = ['ingest', 'read', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** An API key; only the SHA-256 of its secret is stored. `_id` is the public key id. */
@Schema({ collection: 'api_keys', versionKey: false })
export class ApiKey {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true, unique: true }) hash!: string;
  @Prop({ type: String, required: true }) name!: string;
  @Prop({ type: [String], required: true }) scopes!: ApiKeyScope[];
  /** Keys bound to a user may only submit that user's events (ActivityWatch watchers). */
  @Prop({ type: String }) userId?: string;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date }) revokedAt?: Date;
}

export const ApiKeySchema = SchemaFactory.createForClass(ApiKey);
