import { Category, CategoryRepository } from '@lib/persistence';
import { BoardCatalog, buildCatalog } from './board-catalog.service';

const stored = (c: Partial<Category> & { _id: string }): Category => ({ name: c._id, color: '#000', productive: false, updatedAt: new Date(0), ...c });

describe('buildCatalog', () => {
  const defaults = [
    { id: 'work', name: 'Work', color: '#1', productive: true },
    { id: 'work:programming', name: 'Programming', parentId: 'work', color: '#2', productive: true },
  ];

  it('lists every stored category, productive and total as boards; a default not stored (deleted) is none', () => {
    const catalog = buildCatalog(defaults, [stored({ _id: 'work', name: 'Job', color: '#9', productive: true }), stored({ _id: 'work:ops', name: 'Ops', parentId: 'work' })]);
    expect([...catalog.boards].sort()).toEqual(['productive', 'total', 'work', 'work:ops']);
    expect(catalog.categories).toEqual([
      { id: 'work', name: 'Job', path: ['Job'], color: '#9', productive: true },
      { id: 'work:ops', name: 'Ops', path: ['Job', 'Ops'], color: '#000', productive: false },
    ]);
  });

  it('lists the defaults while nothing is stored (classification has not seeded them yet)', () => {
    expect([...buildCatalog(defaults, []).boards].sort()).toEqual(['productive', 'total', 'work', 'work:programming']);
  });

  it('survives a dangling parent and a parent cycle', () => {
    const catalog = buildCatalog([], [stored({ _id: 'a', parentId: 'b' }), stored({ _id: 'b', parentId: 'a' }), stored({ _id: 'c', parentId: 'gone' })]);
    expect(catalog.categories.map((c) => c.path)).toEqual([['b', 'a'], ['a', 'b'], ['c']]);
  });
});

describe('BoardCatalog', () => {
  it('reads the categories at most once per second and keeps the last list when Mongo fails', async () => {
    const list = jest.fn<Promise<Category[]>, []>().mockResolvedValue([stored({ _id: 'custom' })]);
    const catalog = new BoardCatalog({ list } as unknown as CategoryRepository);
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    try {
      const [first, second] = await Promise.all([catalog.get(), catalog.get()]);
      expect(first.boards.has('custom')).toBe(true);
      expect(second).toBe(first);
      expect(list).toHaveBeenCalledTimes(1);
      now.mockReturnValue(1_001_500);
      list.mockRejectedValueOnce(new Error('mongo down'));
      expect(await catalog.get()).toBe(first);
      expect(list).toHaveBeenCalledTimes(2);
    } finally {
      now.mockRestore();
    }
  });

  it('answers from the last list while a reload hangs (a frozen database), and takes the new list once it comes', async () => {
    let answer: (categories: Category[]) => void = () => undefined;
    const list = jest.fn<Promise<Category[]>, []>().mockResolvedValueOnce([stored({ _id: 'custom' })]).mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    const catalog = new BoardCatalog({ list } as unknown as CategoryRepository);
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    try {
      const first = await catalog.get();
      now.mockReturnValue(1_002_000);
      // The reload never answers here; each read still gets the last list at once.
      expect(await catalog.get()).toBe(first);
      expect(await catalog.get()).toBe(first);
      expect(list).toHaveBeenCalledTimes(2);
      answer([stored({ _id: 'custom' }), stored({ _id: 'newer' })]);
      await new Promise((resolve) => setImmediate(resolve));
      expect((await catalog.get()).boards.has('newer')).toBe(true);
    } finally {
      now.mockRestore();
    }
  });

  it('reads the list again when asked for a board it lacks, even within the second, and keeps the last list if that read hangs', async () => {
    const list = jest.fn<Promise<Category[]>, []>().mockResolvedValueOnce([stored({ _id: 'custom' })]).mockResolvedValueOnce([stored({ _id: 'custom' }), stored({ _id: 'created' })]);
    const catalog = new BoardCatalog({ list } as unknown as CategoryRepository);
    expect((await catalog.get()).boards.has('created')).toBe(false);
    expect((await catalog.reloaded()).boards.has('created')).toBe(true);
    expect((await catalog.get()).boards.has('created')).toBe(true);
    list.mockReturnValueOnce(new Promise(() => undefined));
    expect((await catalog.reloaded()).boards.has('created')).toBe(true);
  });

  it('has unknown boards asked at once share one read, so a frozen database is not sent one per request', async () => {
    const list = jest.fn<Promise<Category[]>, []>().mockResolvedValueOnce([stored({ _id: 'custom' })]).mockReturnValue(new Promise(() => undefined));
    const catalog = new BoardCatalog({ list } as unknown as CategoryRepository);
    await catalog.get();
    const answers = await Promise.all(Array.from({ length: 20 }, () => catalog.reloaded()));
    expect(answers.every((answer) => answer.boards.has('custom'))).toBe(true);
    // Before: 21 reads, twenty of them hanging on the frozen database.
    expect(list).toHaveBeenCalledTimes(2);
  });
});
