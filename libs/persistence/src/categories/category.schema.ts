import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A category of the taxonomy; `_id` is its slug path id (e.g. `work:programming`). */
@Schema({ collection: 'categories', versionKey: false })
export class Category {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) name!: string;
  @Prop({ type: String }) parentId?: string;
  @Prop({ type: String, required: true }) color!: string;
  @Prop({ type: Boolean, required: true }) productive!: boolean;
  @Prop({ type: Date, required: true }) updatedAt!: Date;
}

export const CategorySchema = SchemaFactory.createForClass(Category);
