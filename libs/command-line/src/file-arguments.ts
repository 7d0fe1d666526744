import { accessSync, closeSync, constants, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './command-line';

/**
 * A file the command reads, checked before any work: a missing path or a directory was found
 * only when it was opened, after connecting or training, and ended in a stack trace.
 * Returns the absolute path.
 */
export function inputFile(argument: string, path: string): string {
  const file = resolve(path);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(file).isDirectory();
    // One the user may not read failed when opened (model:eval: 'failed:system error number 13', a stack trace).
    if (!isDirectory) accessSync(file, constants.R_OK);
  } catch (error) {
    throw new UsageError(`${argument}: cannot read ${file} (${(error as NodeJS.ErrnoException).code})`);
  }
  if (isDirectory) throw new UsageError(`${argument}: ${file} is a directory, not a file`);
  return file;
}

/**
 * A file the command writes, checked before any work: its directory is made, and the file opened
 * to append (an existing file keeps its content until the command writes it), created with `mode`
 * when it is new (a secret's file must not start world-readable). Returns the absolute path.
 */
export function outputFile(argument: string, path: string, mode = 0o666): string {
  const file = resolve(path);
  try {
    mkdirSync(dirname(file), { recursive: true });
    closeSync(openSync(file, 'a', mode));
  } catch (error) {
    throw new UsageError(`${argument}: cannot write ${file} (${(error as NodeJS.ErrnoException).code})`);
  }
  return file;
}

/**
 * A directory the command reads, checked before any work: a missing one was found only when it
 * was read, and ended in a stack trace. Returns the absolute path.
 */
export function inputDirectory(argument: string, path: string): string {
  const directory = resolve(path);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(directory).isDirectory();
  } catch (error) {
    throw new UsageError(`${argument}: cannot read ${directory} (${(error as NodeJS.ErrnoException).code})`);
  }
  if (!isDirectory) throw new UsageError(`${argument}: ${directory} is a file, not a directory`);
  return directory;
}

/**
 * A directory the command writes into, made (with its parents) before any work: a path under a
 * file failed only when the result was written, after model:train had trained (ENOTDIR, a stack
 * trace). Returns the absolute path.
 */
export function outputDirectory(argument: string, path: string): string {
  const directory = resolve(path);
  try {
    mkdirSync(directory, { recursive: true });
    accessSync(directory, constants.W_OK);
  } catch (error) {
    throw new UsageError(`${argument}: cannot write into ${directory} (${(error as NodeJS.ErrnoException).code})`);
  }
  return directory;
}
