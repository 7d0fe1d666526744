import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getConnectionToken, getModelToken } from '@nestjs/mongoose';
import { MongoClient } from 'mongodb';
import { Connection, Model } from 'mongoose';
import { ConfigModule } from '@lib/config';
import { ObservabilityModule } from '@lib/observability';
import { ApiKeySchema, ClassificationAnswer, ClassificationAnswerRepository, MongoPersistenceModule, serverUsesSecondaryIndexes, UsageLogSchema } from '@lib/persistence';
import { testConfig } from '../support/test-config';

/**
 * Indexes are created at boot where they serve queries. The harness's Mongo endpoint is FerretDB
 * on SQLite, which filters every query but `_id` equality in its own process: there only the
 * unique indexes (constraints) are created, and one created earlier by hand is left alone.
 */
describe('Mongo indexes at boot', () => {
  const config = testConfig();
  let client: MongoClient;
  let app: INestApplicationContext;

  beforeAll(async () => {
    client = await MongoClient.connect(config.MONGO_URL);
    // An index someone created before: boot must not drop it.
    await client.db(config.MONGO_DB).collection('usage_logs').createIndex({ userId: 1 }, { name: 'by_user_by_hand' });
    @Module({ imports: [ConfigModule.forRoot(config), ObservabilityModule.forApp([]), MongoPersistenceModule] })
    class PersistenceOnlyModule {}
    app = await NestFactory.createApplicationContext(PersistenceOnlyModule, { logger: ['error'] });
  });

  afterAll(async () => {
    await app?.close();
    await client?.db(config.MONGO_DB).dropDatabase();
    await client?.close();
  });

  const indexNames = async (collection: string) => (await client.db(config.MONGO_DB).collection(collection).listIndexes().toArray()).map((i) => i.name).sort();

  it('knows that this server reads no secondary index, and explain says why', async () => {
    const db = client.db(config.MONGO_DB);
    expect(await serverUsesSecondaryIndexes(db)).toBe(false);
    expect(await db.collection('usage_logs').find({ envelopeId: { $eq: 'x' } }).explain()).toMatchObject({ filterPushdown: false });
    // Only a plain `_id` value reaches SQLite (still a table scan there, but no decoding of each document).
    expect(await db.collection('usage_logs').find({ _id: 'x' as never }).explain()).toMatchObject({ filterPushdown: true });
  });

  it('creates the unique indexes only, and keeps the one made by hand', async () => {
    expect(UsageLogSchema.indexes().length).toBe(3); // envelopeId, userId + startedAt, startedAt: none created here
    expect(await indexNames('usage_logs')).toEqual(['_id_', 'by_user_by_hand']);
    expect(ApiKeySchema.indexes()).toEqual([[{ hash: 1 }, expect.objectContaining({ unique: true })]]);
    expect(await indexNames('api_keys')).toEqual(['_id_', 'hash_1']);
  });

  it('enforces the unique constraint', async () => {
    const keys = client.db(config.MONGO_DB).collection('api_keys');
    const key = { name: 'a', hash: 'same-hash', scopes: ['read'], createdAt: new Date() };
    await keys.insertOne({ ...key });
    await expect(keys.insertOne({ ...key })).rejects.toMatchObject({ code: 11000 });
  });

  it('writes with a journaled, majority write concern (an acknowledgement must survive a host crash), which the server accepts', async () => {
    const connection = app.get<Connection>(getConnectionToken());
    expect(connection.getClient().options.writeConcern).toMatchObject({ w: 'majority', journal: true });
    await connection.collection('write_concern_probe').insertOne({ _id: 'probe' as never });
    expect(await client.db(config.MONGO_DB).collection('write_concern_probe').countDocuments()).toBe(1);
  });

  it("looks known answers up with filters this server hands to SQLite, not one that decodes every stored answer", async () => {
    const answers = app.get(ClassificationAnswerRepository);
    const model = app.get<Model<ClassificationAnswer>>(getModelToken(ClassificationAnswer.name));
    const questions = Array.from({ length: 5 }, (_, i) => ({ app: 'Ledger', title: `close ${i}` }));
    await answers.upsertMany(questions.map((q) => ({ ...q, categoryId: 'personal:finance', source: 'model' as const, confidence: 0.8, rulesetVersion: 1 })));
    const keys = (await model.find().lean().exec()).map((a) => a._id);
    const seen: unknown[] = [];
    for (const method of ['find', 'findOne'] as const) {
      const original = model[method].bind(model) as (...args: unknown[]) => unknown;
      jest.spyOn(model, method).mockImplementation(((...args: unknown[]) => (seen.push(args[0]), original(...args))) as never);
    }
    try {
      const found = await answers.findMany([...keys.slice(0, 3), 'no-such-key']);
      expect(found.map((a) => a._id).sort()).toEqual(keys.slice(0, 3).sort());
    } finally {
      jest.restoreAllMocks();
    }
    // Each stored question was one more document that FerretDB decoded for every `$in` lookup: on a
    // stack fed varied titles for 10 minutes (33,000 answers) one took 17-42 s, a plain `_id` 19-44 ms.
    expect(seen.length).toBeGreaterThan(0);
    const collection = client.db(config.MONGO_DB).collection('classification_answers');
    for (const filter of seen) expect(await collection.find(filter as never).explain()).toMatchObject({ filterPushdown: true });
    // An import's batch asks for many keys at once: one query then, which finds the same.
    const many = [...keys, ...Array.from({ length: 300 }, (_, i) => `missing-${i}`)];
    expect((await answers.findMany(many)).map((a) => a._id).sort()).toEqual([...keys].sort());
  });
});
