import { Schema } from 'mongoose';
import { indexesToCreate } from './mongo-indexes';

describe('indexesToCreate', () => {
  const schema = new Schema({ hash: { type: String, unique: true }, userId: String, at: Date });
  schema.index({ userId: 1, at: -1 });

  it('keeps every index where secondary indexes serve queries', () => {
    expect(indexesToCreate(schema, true)).toEqual([
      expect.objectContaining({ key: { hash: 1 }, unique: true }),
      expect.objectContaining({ key: { userId: 1, at: -1 } }),
    ]);
  });

  it('keeps only the unique ones (constraints) where they serve none', () => {
    expect(indexesToCreate(schema, false)).toEqual([expect.objectContaining({ key: { hash: 1 }, unique: true })]);
  });
});
