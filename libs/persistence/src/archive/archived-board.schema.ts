import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** One entry of an archived board. Users are values in an array, never document keys. */
@Schema({ _id: false, versionKey: false })
export class ArchivedEntry {
  @Prop({ type: String, required: true }) userId!: string;
  @Prop({ type: Number, required: true }) score!: number;
}

const ArchivedEntrySchema = SchemaFactory.createForClass(ArchivedEntry);

/**
 * A leaderboard period moved out of Redis: one document per board, period, period key,
 * generation and chunk. Entries are sorted by score descending across the chunks of a
 * generation. A board archived again (late events) gets a new generation; which generation is
 * current is recorded in Redis, atomically with the removal of what it absorbed.
 */
@Schema({ collection: 'archived_boards', versionKey: false })
export class ArchivedBoard {
  /** `${board}|${period}|${periodKey}|${generation}|${chunk}`: every access goes through it. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) board!: string;
  @Prop({ type: String, required: true }) period!: string;
  @Prop({ type: String, required: true }) periodKey!: string;
  @Prop({ type: Number, required: true }) generation!: number;
  @Prop({ type: Number, required: true }) chunk!: number;
  @Prop({ type: Number, required: true }) chunks!: number;
  /** Entries of the whole board (all chunks). */
  @Prop({ type: Number, required: true }) entryCount!: number;
  @Prop({ type: [ArchivedEntrySchema], required: true }) entries!: ArchivedEntry[];
  @Prop({ type: Date, required: true }) archivedAt!: Date;
}

export const ArchivedBoardSchema = SchemaFactory.createForClass(ArchivedBoard);
