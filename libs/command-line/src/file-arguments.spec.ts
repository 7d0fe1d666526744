import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from './command-line';
import { inputFile, outputFile } from './file-arguments';

describe('file arguments', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ap-file-args-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes a file to read, and refuses a missing path or a directory naming the argument', () => {
    writeFileSync(join(dir, 'data.csv'), 'x');
    expect(inputFile('FILE', join(dir, 'data.csv'))).toBe(join(dir, 'data.csv'));
    expect(() => inputFile('--model', join(dir, 'none.onnx'))).toThrow(new UsageError(`--model: cannot read ${join(dir, 'none.onnx')} (ENOENT)`));
    expect(() => inputFile('FILE', dir)).toThrow(new UsageError(`FILE: ${dir} is a directory, not a file`));
  });

  it('makes the directory of a file to write and keeps what the file holds; refuses a directory or a path under a file', () => {
    expect(outputFile('--out', join(dir, 'new', 'x.jsonl'))).toBe(join(dir, 'new', 'x.jsonl'));
    outputFile('--file', join(dir, 'secret'), 0o600);
    expect(statSync(join(dir, 'secret')).mode & 0o777).toBe(0o600);
    writeFileSync(join(dir, 'kept.jsonl'), 'old');
    outputFile('--out', join(dir, 'kept.jsonl'));
    expect(readFileSync(join(dir, 'kept.jsonl'), 'utf8')).toBe('old');
    expect(() => outputFile('--out', dir)).toThrow(new UsageError(`--out: cannot write ${dir} (EISDIR)`));
    expect(() => outputFile('--file', join(dir, 'kept.jsonl', 'key'))).toThrow(new UsageError(`--file: cannot write ${join(dir, 'kept.jsonl', 'key')} (EEXIST)`));
  });
});
