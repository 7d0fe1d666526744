import { getModelToken } from '@nestjs/mongoose';
import { MongoClient } from 'mongodb';
import { Model } from 'mongoose';
import { AppConfig } from '@lib/config';
import { answerKey, normalizeQuestion } from '@lib/contracts';
import { ClassificationAnswer } from '@lib/persistence';
import { CorrectionsService } from '../../apps/classification/src/corrections.service';
import { RulesetStore } from '../../apps/classification/src/ruleset.store';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { http } from '../support/http';
import { testConfig } from '../support/test-config';

/**
 * Corrections live apart from the cached answers, which grow by one per window title: FerretDB
 * scans a whole collection for any filter but `_id`, and loading corrections with
 * `find({ source: 'manual' })` among 38,000 answers took 6.2 s at every start and full reload.
 */
describe('corrections apart from the cached answers', () => {
  let config: AppConfig;
  let client: MongoClient;
  let pipeline: RunningPipeline;
  let admin: string;

  const legacyDoc = (question: { app: string; title: string }, categoryId: string, source: 'manual' | 'model') => {
    const normalized = normalizeQuestion(question);
    return {
      _id: answerKey(question),
      ...normalized,
      sample: question,
      categoryId,
      source,
      confidence: source === 'manual' ? 1 : 0.8,
      rulesetVersion: 1,
      createdAt: new Date('2026-11-01T00:00:00Z'),
      updatedAt: new Date('2026-11-01T00:00:00Z'),
    };
  };
  const corrected = { app: 'Old Ledger', title: 'march close' };
  const cached = { app: 'Old Notes', title: 'grocery list' };

  beforeAll(async () => {
    config = testConfig();
    client = await MongoClient.connect(config.MONGO_URL);
    // A database from before the split: a correction stored among the cached answers.
    await client.db(config.MONGO_DB).collection('classification_answers').insertMany([legacyDoc(corrected, 'personal:finance', 'manual'), legacyDoc(cached, 'personal', 'model')] as never[]);
    pipeline = await startPipeline(config, ['gateway', 'classification']);
    admin = await createApiKey(pipeline.apps.gateway!, ['admin']);
  });

  afterAll(async () => {
    await pipeline?.close();
    await client?.db(config.MONGO_DB).dropDatabase();
    await client?.close();
  });

  it('keeps a correction stored among the answers before the split: it is listed and beats rules and answers', async () => {
    const list = await http('GET', `${pipeline.url}/v1/classifications`, { key: admin });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, items: [{ key: answerKey(corrected), categoryId: 'personal:finance', ...corrected }] });
    const dryRun = await http('POST', `${pipeline.url}/v1/classify`, { key: admin, body: { items: [corrected, cached] } });
    expect(dryRun.body.results).toMatchObject([
      { category: 'personal:finance', source: 'manual' },
      { category: 'personal', source: 'cache' },
    ]);
    const db = client.db(config.MONGO_DB);
    expect(await db.collection('classification_answers').countDocuments({ source: 'manual' })).toBe(0);
    expect(await db.collection('classification_answers').countDocuments()).toBe(1);
  });

  it('loads and lists the corrections without reading a cached answer', async () => {
    const app = pipeline.apps.classification!;
    const model = app.get<Model<ClassificationAnswer>>(getModelToken(ClassificationAnswer.name));
    const reads: string[] = [];
    for (const method of ['find', 'findOne', 'countDocuments', 'aggregate'] as const) {
      const original = (model[method] as (...args: unknown[]) => unknown).bind(model);
      jest.spyOn(model, method).mockImplementation(((...args: unknown[]) => (reads.push(`${method} ${JSON.stringify(args[0])}`), original(...args))) as never);
    }
    try {
      const loaded = await app.get(RulesetStore).load();
      expect(loaded.manual).toEqual([{ key: answerKey(corrected), app: normalizeQuestion(corrected).app, categoryId: 'personal:finance' }]);
      expect((await app.get(CorrectionsService).list({})).total).toBe(1);
    } finally {
      jest.restoreAllMocks();
    }
    expect(reads).toEqual([]);
  });

  it('moves corrections once, safely when two instances do it at once, and never over a correction made since', async () => {
    const db = client.db(config.MONGO_DB);
    const store = pipeline.apps.classification!.get(RulesetStore);
    const other = { app: 'Old Tracker', title: 'sprint board' };
    // The marker spares later starts the scan: a manual answer written by an old version now stays where it is.
    await db.collection('classification_answers').insertOne(legacyDoc(other, 'work', 'manual') as never);
    await store.moveLegacyCorrections();
    expect(await db.collection('classification_corrections').countDocuments({ _id: answerKey(other) as never })).toBe(0);

    // Halfway before (moved, not yet deleted nor marked), then two instances at once.
    await db.collection('ruleset_meta').deleteOne({ _id: 'corrections-moved' as never });
    await db.collection('classification_answers').insertOne(legacyDoc(corrected, 'work', 'manual') as never);
    await Promise.all([store.moveLegacyCorrections(), store.moveLegacyCorrections()]);
    expect(await db.collection('classification_answers').countDocuments({ source: 'manual' })).toBe(0);
    const moved = await db.collection('classification_corrections').find().sort({ _id: 1 }).toArray();
    expect(moved.map((c) => [c._id, c.categoryId]).sort()).toEqual([[answerKey(corrected), 'personal:finance'], [answerKey(other), 'work']].sort());
    expect(await db.collection('ruleset_meta').countDocuments({ _id: 'corrections-moved' as never })).toBe(1);
  });
});
