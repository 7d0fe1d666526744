import { failureReport, numberFlag, numberListFlag, parseCommand, parseFlags, readCommandLine, runCommand, runTool, SEED_RANGE, UsageError } from './command-line';

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

describe('parseCommand', () => {
  const COMMAND = { values: ['user'], positionals: { min: 1, max: 2 } };

  it("refuses a misspelt flag of a command that takes arguments with Node's hint, its quotes balanced", () => {
    expect(() => parseCommand(['data.csv', '--usres', 'ann'], COMMAND, USAGE)).toThrow(
      new UsageError(`Unknown option '--usres' (an argument that starts with '-' goes after '--', as in: -- "--usres")\n${USAGE}`),
    );
  });

  it('reads the positional arguments with the flags, in any order', () => {
    const { flags, positionals } = parseCommand(['--user', 'ann', 'data.csv', 'more.csv'], COMMAND, USAGE);
    expect([[...flags], positionals]).toEqual([[['user', 'ann']], ['data.csv', 'more.csv']]);
  });

  it('refuses too few or too many positional arguments, with the usage', () => {
    // Before: the usage alone, without saying what was wrong.
    expect(() => parseCommand(['--user', 'ann'], COMMAND, USAGE)).toThrow(new UsageError(`missing argument 1\n${USAGE}`));
    expect(() => parseCommand([], { ...COMMAND, positionals: { min: 1, max: 1, names: ['FILE'] } }, USAGE)).toThrow(new UsageError(`missing FILE\n${USAGE}`));
    expect(() => parseCommand(['a', 'b', 'c'], COMMAND, USAGE)).toThrow(`unexpected argument "c"\n${USAGE}`);
  });

  it('prints the usage for --help and -h and exits 0, whatever else is missing', () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => {
      throw new Error('exited');
    }) as never);
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      for (const help of ['--help', '-h']) expect(() => parseCommand([help], COMMAND, USAGE)).toThrow('exited');
      expect(exit.mock.calls).toEqual([[0], [0]]);
      expect(out.mock.calls).toEqual([[`${USAGE}\n`], [`${USAGE}\n`]]);
    } finally {
      exit.mockRestore();
      out.mockRestore();
    }
  });
});

describe('runCommand', () => {
  it('exits with the code main returns, else with process.exitCode', async () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    try {
      runCommand('tool', async () => 3);
      // Before: process.exit(undefined) exited 0 whatever process.exitCode said (npm run demo with failed batches exited 0).
      runCommand('tool', async () => {
        process.exitCode = 1;
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(exit.mock.calls).toEqual([[3], [1]]);
    } finally {
      process.exitCode = undefined;
      exit.mockRestore();
    }
  });
});

/**
 * One shape for every command's failure: `<command> failed: <reason>`. Before: the commands run by
 * runCommand (import, apikey, leaderboard:*, demo, model:export-corrections) printed the reason
 * alone, those reading their options with readCommandLine or run by runTool prefixed it, and runTool
 * printed the stack's own `Error: ` header where the others had the reason.
 */
describe('a failed command', () => {
  async function failing(run: () => void): Promise<{ exits: unknown[]; stderr: string }> {
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      run();
      await new Promise((resolve) => setImmediate(resolve));
      return { exits: exit.mock.calls.map(([code]) => code), stderr: err.mock.calls.map(([text]) => String(text)).join('') };
    } finally {
      exit.mockRestore();
      err.mockRestore();
    }
  }

  it('runCommand, readCommandLine and runTool say `<command> failed: <reason>`, a usage mistake with exit 2', async () => {
    const mistake = new UsageError('--user must be a name, got ""\nusage: tool --user NAME');
    expect(await failing(() => runCommand('import', () => Promise.reject(mistake)))).toEqual({ exits: [2], stderr: `import failed: ${mistake.message}\n` });
    expect(await failing(() => readCommandLine('bench', () => { throw mistake; }))).toEqual({ exits: [2], stderr: `bench failed: ${mistake.message}\n` });
    expect(await failing(() => runTool('model:train', () => Promise.reject(mistake)))).toEqual({ exits: [2], stderr: `model:train failed: ${mistake.message}\n` });
    expect(await failing(() => runCommand('apikey', () => Promise.reject(new Error('cannot reach MongoDB at MONGO_URL=…'))))).toEqual({ exits: [1], stderr: 'apikey failed: cannot reach MongoDB at MONGO_URL=…\n' });
  });

  it("a developer tool's unexpected error (runTool) keeps where it came from, under the same first line", async () => {
    const { exits, stderr } = await failing(() => runTool('model:eval', () => Promise.reject(new TypeError('labels is undefined'))));
    expect(exits).toEqual([1]);
    expect(stderr).toMatch(/^model:eval failed: TypeError: labels is undefined\n {4}at /);
    const plain = await failing(() => runTool('model:train', () => Promise.reject(new Error('ONNX model disagrees'))));
    expect(plain.stderr).toMatch(/^model:train failed: ONNX model disagrees\n {4}at /);
  });

  it('failureReport gives the same text to a command that reports by itself', () => {
    expect(failureReport('chaos', new Error('no progress for 5 minutes'))).toBe('chaos failed: no progress for 5 minutes');
    expect(failureReport('chaos', 'a string')).toBe('chaos failed: a string');
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

describe('numberFlag with a range', () => {
  it('accepts what the range allows', () => {
    expect(numberFlag(new Map([['users', '20']]), 'users', 1, { min: 1, max: 10_000, integer: true })).toBe(20);
    expect(numberFlag(new Map([['minutes', '0.5']]), 'minutes', 2, { min: 0.1 })).toBe(0.5);
  });

  it('takes a number as written in decimal: not hexadecimal, binary, octal or padded, and a whole number in digits alone', () => {
    // Before: Number() took '0x10' as 16, '0b11' as 3, ' 7' as 7 and '1e3' as a whole 1000, where the API's parseInteger refuses them.
    const users = (raw: string) => () => numberFlag(new Map([['users', raw]]), 'users', 1, { min: 1, max: 10_000, integer: true });
    for (const raw of ['0x10', '0b11', '0o7', ' 7', '7 ', '1e3', '+5', '5.']) expect(users(raw)).toThrow(`--users must be a whole number from 1 to 10000, got ${JSON.stringify(raw)}`);
    expect(users('0100')()).toBe(100);
    const lr = (raw: string) => numberFlag(new Map([['lr', raw]]), 'lr', 1, { min: 0 });
    expect(['1e-6', '0.5', '.5', '5.', '2', '1E3'].map(lr)).toEqual([1e-6, 0.5, 0.5, 5, 2, 1000]);
    for (const raw of ['0x10', ' 0.5', '1e', '-']) expect(() => lr(raw)).toThrow(`--lr must be a number ≥ 0, got ${JSON.stringify(raw)}`);
    expect(() => numberListFlag(new Map([['rates', '100,0x100']]), 'rates', [1], { min: 1 })).toThrow('--rates must be a comma-separated list, each a number ≥ 1, got "100,0x100"');
  });

  it('refuses what it does not, saying what it takes', () => {
    const users = (raw: string) => () => numberFlag(new Map([['users', raw]]), 'users', 1, { min: 1, max: 10_000, integer: true });
    expect(users('0')).toThrow('--users must be a whole number from 1 to 10000, got "0"');
    expect(users('2.5')).toThrow('--users must be a whole number from 1 to 10000, got "2.5"');
    expect(users('20001')).toThrow(UsageError);
    expect(() => numberFlag(new Map([['minutes', '0']]), 'minutes', 2, { min: 0.1 })).toThrow('--minutes must be a number ≥ 0.1, got "0"');
  });
});

describe('SEED_RANGE', () => {
  it('takes the seeds the generators tell apart, and refuses the others naming the flag', () => {
    expect(numberFlag(new Map([['seed', '4294967295']]), 'seed', 7, SEED_RANGE)).toBe(4294967295);
    for (const raw of ['1.5', '-3', '4294967296']) expect(() => numberFlag(new Map([['seed', raw]]), 'seed', 7, SEED_RANGE)).toThrow(`--seed must be a whole number from 0 to 4294967295, got "${raw}"`);
  });
});

describe('numberListFlag', () => {
  const RATES = { min: 100, integer: true };

  it('gives each number of the list, or the fallback when absent', () => {
    expect(numberListFlag(new Map([['rates', '5000,2000']]), 'rates', [1], RATES)).toEqual([5000, 2000]);
    expect(numberListFlag(new Map(), 'rates', [5000], RATES)).toEqual([5000]);
  });

  it('refuses the whole list when one item is out of range or not a number', () => {
    for (const raw of ['5000,50', '5000,', 'fast']) {
      expect(() => numberListFlag(new Map([['rates', raw]]), 'rates', [1], RATES)).toThrow(`--rates must be a comma-separated list, each a whole number ≥ 100, got ${JSON.stringify(raw)}`);
    }
  });
});
