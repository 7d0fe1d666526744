import { DEFAULT_TAXONOMY } from '@lib/classifier-engine';
import { NatsConnectionService, RULESET_POLL_INTERVAL_MS, RulesetBroadcast } from '@lib/messaging';
import { Category, CategoryRepository, RulesetMetaRepository } from '@lib/persistence';
import { LiveTaxonomy } from './live-taxonomy.service';

/** The stored categories (documents), `work:writing` productive or not. */
const made = (productive: boolean): Category[] => DEFAULT_TAXONOMY.map(({ id, ...c }) => ({ _id: id, ...c, productive: id === 'work:writing' ? productive : c.productive, updatedAt: new Date(0) }));

/**
 * LiveTaxonomy against an in-memory store (Mongo) that counts its reads, and a broadcast whose
 * announcements the test makes (`announce`, as the KV watch calls it).
 */
async function liveTaxonomy() {
  let stored = { version: 4, categories: made(false) };
  const reads = { version: 0, categories: 0 };
  let failingReads = 0;
  const meta = {
    current: jest.fn(async () => {
      reads.version++;
      if (failingReads > 0 && failingReads--) throw new Error('MongoServerSelectionError: connect ECONNREFUSED');
      return { version: stored.version, taxonomyVersion: stored.version };
    }),
  };
  const categories = { list: jest.fn(async () => (reads.categories++, stored.categories)) };
  let announce: (version: number) => void = () => undefined;
  const broadcast = { watch: jest.fn(async (onVersion: (version: number) => void) => ((announce = onVersion), () => undefined)) };
  const nats = { connect: jest.fn(async () => undefined) };
  const live = new LiveTaxonomy(categories as unknown as CategoryRepository, meta as unknown as RulesetMetaRepository, broadcast as unknown as RulesetBroadcast, nats as unknown as NatsConnectionService);
  await live.onApplicationBootstrap();
  return {
    live,
    reads,
    /** What a change through the API does: stores the new version, then announces it. */
    change: (version: number, productive: boolean) => (stored = { version, categories: made(productive) }),
    /** A version whose categories do not form a tree (edited by hand: a parent that is not there). */
    changeToInvalid: (version: number) => (stored = { version, categories: [...made(false), { _id: 'orphan', name: 'Orphan', parentId: 'missing', color: '#000000', productive: false, updatedAt: new Date(0) }] }),
    /** A change made in Mongo by hand: no new version, no announcement. */
    editByHand: (productive: boolean) => (stored = { ...stored, categories: made(productive) }),
    /** The next `count` reads of the version fail, as while Mongo is down. */
    failReads: (count: number) => (failingReads = count),
    announce: (version: number) => announce(version),
  };
}

describe('LiveTaxonomy', () => {
  let subject: Awaited<ReturnType<typeof liveTaxonomy>>;
  afterEach(() => subject.live.onModuleDestroy());

  it('reads the store once at start, then no more for a steady stream of batches', async () => {
    subject = await liveTaxonomy();
    expect(subject.reads).toEqual({ version: 1, categories: 1 });

    for (let batch = 0; batch < 100; batch++) expect((await subject.live.latest()).version).toBe(4);
    expect(subject.reads).toEqual({ version: 1, categories: 1 });
  });

  it('reloads once for a newer version announced, and a batch after the announcement has it', async () => {
    subject = await liveTaxonomy();
    subject.change(5, true);
    subject.announce(5);
    const latest = await subject.live.latest();

    expect(latest.version).toBe(5);
    expect(latest.view.isProductive('work:writing')).toBe(true);
    expect(subject.reads).toEqual({ version: 2, categories: 2 });
  });

  it('does nothing for the loaded version (the watch starts with the current value), and only reads the version for an older one', async () => {
    subject = await liveTaxonomy();
    subject.announce(4);
    await subject.live.latest();
    expect(subject.reads).toEqual({ version: 1, categories: 1 });

    // Stale (a put that failed) or Mongo gone back to a backup: only the store tells which.
    subject.announce(3);
    expect((await subject.live.latest()).version).toBe(4);
    expect(subject.reads).toEqual({ version: 2, categories: 1 });
  });

  it('reloads once for several announcements at once', async () => {
    subject = await liveTaxonomy();
    subject.change(7, true);
    subject.announce(5);
    subject.announce(6);
    subject.announce(7);
    subject.announce(6);

    expect((await subject.live.latest()).version).toBe(7);
    expect(subject.reads).toEqual({ version: 2, categories: 2 });
  });

  it('reloads again for a version announced while a reload read the one before it', async () => {
    subject = await liveTaxonomy();
    subject.change(5, false);
    subject.announce(5); // its reload reads version 5 now
    subject.change(6, true);
    subject.announce(6);

    const latest = await subject.live.latest();
    expect(latest.version).toBe(6);
    expect(latest.view.isProductive('work:writing')).toBe(true);
    expect(subject.reads).toEqual({ version: 3, categories: 3 });
  });

  it('follows the store when the bucket holds a version the store never reached (Mongo replaced under the same NATS)', async () => {
    subject = await liveTaxonomy();
    subject.announce(99); // the last value of the KV key, from the database before
    expect((await subject.live.latest()).version).toBe(4);

    // Before: ignored as older than 99, so the taxonomy stayed at 4 until the 30 s check.
    subject.change(5, true);
    subject.announce(5);
    expect((await subject.live.latest()).version).toBe(5);
  });

  it('takes a change announced after Mongo went back to a lower version (restored from a backup) at once', async () => {
    subject = await liveTaxonomy();
    subject.change(9, false);
    subject.announce(9);
    expect((await subject.live.latest()).version).toBe(9);

    // The backup held version 4; the first change on it is version 5, below the one loaded.
    subject.change(5, true);
    subject.announce(5);

    // Before: ignored as older than 9, so the taxonomy of the database before stayed until the 30 s check.
    const latest = await subject.live.latest();
    expect(latest.version).toBe(5);
    expect(latest.view.isProductive('work:writing')).toBe(true);
  });

  describe('on its own clock', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('reads again soon after a failed read of an announced version, not at the next 30 s check', async () => {
      subject = await liveTaxonomy();
      subject.failReads(2);
      subject.change(5, true);
      subject.announce(5);
      expect((await subject.live.latest()).version).toBe(4);

      // Before: the next read came with the 30 s check.
      await jest.advanceTimersByTimeAsync(5_000);
      expect((await subject.live.latest()).version).toBe(5);
      expect(subject.reads.version).toBe(4);
    });

    it('keeps the taxonomy it has for a version whose categories are invalid, without reading it again and again', async () => {
      subject = await liveTaxonomy();
      subject.changeToInvalid(5);
      subject.announce(5);
      expect((await subject.live.latest()).version).toBe(4);
      const reads = subject.reads.categories;

      // An invalid tree is no failed read: nothing to try again until a new version or the 5-minute reload.
      await jest.advanceTimersByTimeAsync(RULESET_POLL_INTERVAL_MS * 2);
      expect(subject.reads.categories).toBe(reads);
      subject.change(6, true);
      subject.announce(6);
      expect((await subject.live.latest()).version).toBe(6);
    });

    it('reloads the categories every 10 checks even when the version stayed (a category edited in Mongo by hand)', async () => {
      subject = await liveTaxonomy();
      subject.editByHand(true);

      await jest.advanceTimersByTimeAsync(RULESET_POLL_INTERVAL_MS * 9);
      expect((await subject.live.latest()).view.isProductive('work:writing')).toBe(false);
      // Before: never, until a restart (classification reloads everything every 10 checks).
      await jest.advanceTimersByTimeAsync(RULESET_POLL_INTERVAL_MS);
      expect((await subject.live.latest()).view.isProductive('work:writing')).toBe(true);
      expect(subject.reads.categories).toBe(2);
    });
  });
});
