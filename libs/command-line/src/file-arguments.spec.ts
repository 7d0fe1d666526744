import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from './command-line';
import { inputDirectory, inputFile, outputDirectory, outputFile } from './file-arguments';

describe('file arguments', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ap-file-args-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // Before: '(ENOENT)', node's code, where the reason is plain.
  it('takes a file to read, and refuses a missing path or a directory naming the argument', () => {
    writeFileSync(join(dir, 'data.csv'), 'x');
    expect(inputFile('FILE', join(dir, 'data.csv'))).toBe(join(dir, 'data.csv'));
    expect(() => inputFile('--model', join(dir, 'none.onnx'))).toThrow(new UsageError(`--model: cannot read ${join(dir, 'none.onnx')}: there is no such file`));
    expect(() => inputFile('FILE', dir)).toThrow(new UsageError(`FILE: ${dir} is a directory, not a file`));
  });

  it('takes a relative path from the directory npm run was run in (INIT_CWD), else from the current one', () => {
    const saved = process.env.INIT_CWD;
    try {
      mkdirSync(join(dir, 'sub'));
      writeFileSync(join(dir, 'sub', 'data.csv'), 'x');
      process.env.INIT_CWD = join(dir, 'sub');
      // Before: from the package's root, where npm run starts every command.
      expect(inputFile('FILE', 'data.csv')).toBe(join(dir, 'sub', 'data.csv'));
      expect(outputFile('--out', 'out.jsonl')).toBe(join(dir, 'sub', 'out.jsonl'));
      expect([inputDirectory('--data', '.'), outputDirectory('--out', 'models')]).toEqual([join(dir, 'sub'), join(dir, 'sub', 'models')]);
      delete process.env.INIT_CWD;
      expect(() => inputFile('FILE', 'data.csv')).toThrow(new UsageError(`FILE: cannot read ${join(process.cwd(), 'data.csv')}: there is no such file`));
    } finally {
      if (saved === undefined) delete process.env.INIT_CWD;
      else process.env.INIT_CWD = saved;
    }
  });

  it('takes a directory to read, and refuses a missing path or a file naming the argument', () => {
    writeFileSync(join(dir, 'data.csv'), 'x');
    expect(inputDirectory('--data', dir)).toBe(dir);
    expect(() => inputDirectory('--data', join(dir, 'none'))).toThrow(new UsageError(`--data: cannot read ${join(dir, 'none')}: there is no such directory`));
    expect(() => inputDirectory('--data', join(dir, 'data.csv'))).toThrow(new UsageError(`--data: ${join(dir, 'data.csv')} is a file, not a directory`));
  });

  it('makes a directory to write into; refuses a path under a file naming the argument', () => {
    expect(outputDirectory('--out', join(dir, 'models', 'new'))).toBe(join(dir, 'models', 'new'));
    expect(statSync(join(dir, 'models', 'new')).isDirectory()).toBe(true);
    writeFileSync(join(dir, 'file'), 'x');
    // Before: '(ENOTDIR)' and '(EEXIST)', node's codes for a path that runs into a file.
    expect(() => outputDirectory('--out', join(dir, 'file', 'models'))).toThrow(new UsageError(`--out: cannot write into ${join(dir, 'file', 'models')}: ${join(dir, 'file')} is a file, not a directory`));
    expect(() => outputDirectory('--out', join(dir, 'file'))).toThrow(new UsageError(`--out: cannot write into ${join(dir, 'file')}: ${join(dir, 'file')} is a file, not a directory`));
  });

  it('makes the directory of a file to write and keeps what the file holds; refuses a directory or a path under a file', () => {
    expect(outputFile('--out', join(dir, 'new', 'x.jsonl'))).toBe(join(dir, 'new', 'x.jsonl'));
    outputFile('--file', join(dir, 'secret'), 0o600);
    expect(statSync(join(dir, 'secret')).mode & 0o777).toBe(0o600);
    writeFileSync(join(dir, 'kept.jsonl'), 'old');
    outputFile('--out', join(dir, 'kept.jsonl'));
    expect(readFileSync(join(dir, 'kept.jsonl'), 'utf8')).toBe('old');
    expect(() => outputFile('--out', dir)).toThrow(new UsageError(`--out: cannot write ${dir}: it is a directory`));
    expect(() => outputFile('--file', join(dir, 'kept.jsonl', 'key'))).toThrow(new UsageError(`--file: cannot write ${join(dir, 'kept.jsonl', 'key')}: ${join(dir, 'kept.jsonl')} is a file, not a directory`));
  });
});
