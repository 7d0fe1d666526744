import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './command-line';

/**
 * A path as the user typed it, from the directory they typed it in: `npm run` starts a command in
 * the package's root and names the directory it was run from in INIT_CWD (`npm run import --
 * data.csv` from a subdirectory read the root's data.csv, or said there was none; model:generate
 * --out wrote into the root).
 */
function typedPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/** Why a path cannot be read, in words for the codes a user causes (a mistyped path, another's file). */
function readFailure(error: NodeJS.ErrnoException, what: 'file' | 'directory'): string {
  if (error.code === 'ENOENT') return `: there is no such ${what}`;
  if (error.code === 'EACCES') return ': permission denied';
  return ` (${error.code})`;
}

/**
 * Why `path` cannot be written, in words where node has a code: a path that runs into a file
 * (ENOTDIR, or EEXIST from mkdir) names that file; a directory where a file goes says so.
 */
function writeFailure(path: string, error: NodeJS.ErrnoException): string {
  if (error.code === 'EISDIR') return ': it is a directory';
  if (error.code === 'EACCES') return ': permission denied';
  if (error.code === 'ENOTDIR' || error.code === 'EEXIST') {
    for (let at = path; at !== dirname(at); at = dirname(at)) {
      if (existsSync(at) && !statSync(at).isDirectory()) return `: ${at} is a file, not a directory`;
    }
  }
  return ` (${error.code})`;
}

/**
 * A file the command reads, checked before any work: a missing path or a directory was found
 * only when it was opened, after connecting or training, and ended in a stack trace.
 * Returns the absolute path.
 */
export function inputFile(argument: string, path: string): string {
  const file = typedPath(path);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(file).isDirectory();
    // One the user may not read failed when opened (model:eval: 'failed:system error number 13', a stack trace).
    if (!isDirectory) accessSync(file, constants.R_OK);
  } catch (error) {
    throw new UsageError(`${argument}: cannot read ${file}${readFailure(error as NodeJS.ErrnoException, 'file')}`);
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
  const file = typedPath(path);
  try {
    mkdirSync(dirname(file), { recursive: true });
    closeSync(openSync(file, 'a', mode));
  } catch (error) {
    throw new UsageError(`${argument}: cannot write ${file}${writeFailure(file, error as NodeJS.ErrnoException)}`);
  }
  return file;
}

/**
 * A file the command writes named by an environment variable (a bench's LEADERBOARD_BENCH_OUT), as
 * outputFile takes a flag's: from where the user ran npm, checked before any work. `fallback`
 * (absolute) when the variable is unset or empty.
 */
export function outputFileFromEnvironment(variable: string, fallback: string): string {
  const path = process.env[variable];
  return outputFile(variable, path ? path : fallback);
}

/**
 * A directory the command reads, checked before any work: a missing one was found only when it
 * was read, and ended in a stack trace. Returns the absolute path.
 */
export function inputDirectory(argument: string, path: string): string {
  const directory = typedPath(path);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(directory).isDirectory();
  } catch (error) {
    throw new UsageError(`${argument}: cannot read ${directory}${readFailure(error as NodeJS.ErrnoException, 'directory')}`);
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
  const directory = typedPath(path);
  try {
    mkdirSync(directory, { recursive: true });
    accessSync(directory, constants.W_OK);
  } catch (error) {
    throw new UsageError(`${argument}: cannot write into ${directory}${writeFailure(directory, error as NodeJS.ErrnoException)}`);
  }
  return directory;
}
