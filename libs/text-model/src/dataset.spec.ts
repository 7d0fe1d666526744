import { LabelledExample, brandOfHost, classificationReport, groupKeyOf, mergeExamples, parseJsonl, stratifiedGroupSplit } from '@lib/text-model';

/** 3 labels x 10 groups x 10 examples (+ one label with a single group). */
function corpus(): LabelledExample[] {
  const out: LabelledExample[] = [];
  for (const label of ['work:programming', 'shopping', 'entertainment:news']) {
    for (let g = 0; g < 10; g++) for (let i = 0; i < 10; i++) out.push({ app: 'x', title: `${label} ${g} ${i}`, categoryId: label, group: `${label}-g${g}` });
  }
  for (let i = 0; i < 8; i++) out.push({ app: 'Solo.exe', title: `solo ${i}`, categoryId: 'system' });
  return out;
}

describe('stratifiedGroupSplit', () => {
  const examples = corpus();

  it('holds out ~20% of every label, half of it from whole unseen groups', () => {
    const split = stratifiedGroupSplit(examples, 0.2, 42, 0.5);
    const all = [...split.train, ...split.test].sort((a, b) => a - b);
    expect(all).toEqual(examples.map((_, i) => i)); // a partition
    for (const label of ['work:programming', 'shopping', 'entertainment:news']) {
      const inTest = split.test.filter((i) => examples[i].categoryId === label).length;
      expect(inTest).toBe(20);
      const unseen = split.testUnseen.filter((i) => examples[i].categoryId === label).length;
      expect(unseen).toBe(10); // one whole group of 10
    }
    // groups of the unseen part have no example in training; the others keep at least one
    const trainGroups = new Set(split.train.map((i) => groupKeyOf(examples[i])));
    for (const i of split.testUnseen) expect(trainGroups.has(groupKeyOf(examples[i]))).toBe(false);
    for (const i of split.test.filter((i) => !split.testUnseen.includes(i))) expect(trainGroups.has(groupKeyOf(examples[i]))).toBe(true);
    expect(split.testGroups).toBe(3);
  });

  it('never holds out the only group of a label', () => {
    const split = stratifiedGroupSplit(examples, 0.2, 7, 1);
    const solo = examples.map((e, i) => [e, i] as const).filter(([e]) => e.categoryId === 'system').map(([, i]) => i);
    expect(solo.every((i) => split.train.includes(i))).toBe(true);
    expect(split.testUnseen).toEqual([...split.testUnseen].sort((a, b) => a - b));
    expect(split.test.length).toBe(split.testUnseen.length); // unseenShare 1: whole groups only
  });

  it('is deterministic for a seed and changes with the seed', () => {
    expect(stratifiedGroupSplit(examples, 0.2, 1)).toEqual(stratifiedGroupSplit(examples, 0.2, 1));
    expect(new Set(stratifiedGroupSplit(examples, 0.2, 1).testUnseen)).not.toEqual(new Set(stratifiedGroupSplit(examples, 0.2, 2).testUnseen));
  });
});

describe('group keys', () => {
  it('uses the explicit group, else the URL brand, else the app', () => {
    expect(groupKeyOf({ app: 'chrome', url: 'https://open.spotify.com/track/1', categoryId: 'x', group: 'Spotify' })).toBe('spotify');
    expect(groupKeyOf({ app: 'chrome', url: 'https://open.spotify.com/track/1', categoryId: 'x' })).toBe('spotify');
    expect(groupKeyOf({ app: 'chrome', url: 'https://www.bbc.co.uk/news', categoryId: 'x' })).toBe('bbc');
    expect(groupKeyOf({ app: 'Code.exe', title: 'a.ts', categoryId: 'x' })).toBe('code');
    expect(brandOfHost('192.168.0.1')).toBeUndefined();
    expect(brandOfHost('localhost')).toBeUndefined();
  });
});

describe('parseJsonl and mergeExamples', () => {
  it('parses rows, skips blanks, reports the line of a bad row', () => {
    const rows = parseJsonl('{"app":"a","title":"t","categoryId":"shopping"}\n\n{"app":"b","url":"https://x.y","categoryId":"system","group":"g"}\n');
    expect(rows).toEqual([
      { app: 'a', title: 't', categoryId: 'shopping' },
      { app: 'b', url: 'https://x.y', categoryId: 'system', group: 'g' },
    ]);
    expect(() => parseJsonl('{"app":"a","categoryId":"x"}\n{oops', 'f.jsonl')).toThrow('f.jsonl:2: invalid JSON');
    expect(() => parseJsonl('{"title":"no app"}', 'f.jsonl')).toThrow('f.jsonl:1: expected');
  });

  it('lets corrections replace base examples with the same input and drops duplicates', () => {
    const base: LabelledExample[] = [
      { app: 'Foo.exe', title: 'Foo', categoryId: 'system' },
      { app: 'foo', title: 'Foo', categoryId: 'system' }, // same input after app normalization
      { app: 'Bar', title: 'Bar', categoryId: 'shopping' },
      { app: 'Bar', title: 'Bar', categoryId: 'shopping' },
    ];
    const merged = mergeExamples(base, [{ app: 'FOO', title: 'Foo', categoryId: 'entertainment:games' }]);
    expect(merged).toEqual([
      { app: 'Bar', title: 'Bar', categoryId: 'shopping' },
      { app: 'FOO', title: 'Foo', categoryId: 'entertainment:games' },
    ]);
  });
});

describe('classificationReport', () => {
  it('computes accuracy, per-label precision/recall/F1 and macro-F1', () => {
    const r = classificationReport(['a', 'a', 'b', 'b', 'c'], ['a', 'b', 'b', 'b', 'a']);
    expect(r.accuracy).toBeCloseTo(3 / 5);
    expect(r.perLabel.a).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(r.perLabel.b.precision).toBeCloseTo(2 / 3);
    expect(r.perLabel.b.recall).toBe(1);
    expect(r.perLabel.c).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(r.macroF1).toBeCloseTo((0.5 + 0.8 + 0) / 3);
    expect(r.confusion.c).toEqual({ a: 1 });
  });
});
