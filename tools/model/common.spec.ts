import { numberFlag, parseFlags } from './common';

const USAGE = 'usage: tool [--seed N] [--out FILE] [--json]';
const FLAGS = { values: ['seed', 'out'], booleans: ['json'] };

describe('parseFlags', () => {
  it('reads values and booleans by name; an absent boolean is absent', () => {
    const flags = parseFlags(['--seed', '7', '--out=x.jsonl', '--json'], FLAGS, USAGE);
    expect([...flags]).toEqual([['seed', '7'], ['out', 'x.jsonl'], ['json', 'true']]);
    expect(parseFlags(['--seed', '7'], FLAGS, USAGE).has('json')).toBe(false);
  });

  it('refuses a misspelt flag, naming it, with the usage', () => {
    expect(() => parseFlags(['--sed', '7'], FLAGS, USAGE)).toThrow(/Unknown option '--sed'[\s\S]*usage: tool/);
  });

  it('refuses a flag without its value and a stray argument', () => {
    expect(() => parseFlags(['--seed'], FLAGS, USAGE)).toThrow(/--seed <value>' argument missing/);
    expect(() => parseFlags(['seven'], FLAGS, USAGE)).toThrow(/Unexpected argument 'seven'/);
  });
});

describe('numberFlag', () => {
  it('gives the number, or the fallback when absent', () => {
    expect(numberFlag(new Map([['lr', '0.05']]), 'lr', 1)).toBe(0.05);
    expect(numberFlag(new Map(), 'lr', 1)).toBe(1);
  });

  it('refuses what is not a finite number, naming the flag', () => {
    for (const raw of ['fast', '', 'Infinity']) expect(() => numberFlag(new Map([['lr', raw]]), 'lr', 1)).toThrow(`--lr must be a number, got ${JSON.stringify(raw)}`);
  });
});
