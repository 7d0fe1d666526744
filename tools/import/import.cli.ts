import { MultiBar, Presets, SingleBar } from 'cli-progress';
import { createReadStream, statSync } from 'node:fs';
import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { extname } from 'node:path';
import { inputFile, onInterrupt, parseCommand, runCommand, UsageError } from '@lib/command-line';
import { idProblem, IMPORT_FORMATS, ImportJobView } from '@lib/contracts';
import { GATEWAY_OPTIONS_USAGE, GatewayAccess, gatewayAccess, gatewayUnreachable, keyRefused } from '../cli/gateway-access';
import { summary } from './import-summary';

const USAGE = `usage: npm run import -- FILE [--user ID] [--format csv|activitywatch] [--url URL] [--key KEY]
  FILE      a CSV file (see docs/imports.md) or an ActivityWatch export (aw-server GET /api/0/export)
  --user    user of CSV rows without user_id; the user of an ActivityWatch export (required there)
  --format  default: from the file extension (.csv: csv, .json: activitywatch)
${GATEWAY_OPTIONS_USAGE}; it needs the ingest and read scopes`;
const POLL_MS = 500;
/** How long following a job waits out a gateway that does not answer or answers 429/5xx. */
const FOLLOW_PATIENCE_MS = 60_000;
const OPTION_OF_PARAMETER: Record<string, string> = { userId: '--user', format: '--format' };

interface Options {
  file: string;
  user?: string;
  format: string;
  gateway: GatewayAccess;
}

/** Uploads a file through the REST API with a progress bar of bytes sent, then follows the job to its end. */
async function main(argv: string[]): Promise<number> {
  const options = readOptions(argv);
  const size = statSync(options.file).size;
  const bars = new MultiBar({ format: ' {label} [{bar}] {percentage}% | {detail}', hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
  let job: ImportJobView;
  try {
    const uploadBar = bars.create(size, 0, { label: 'upload ', detail: `0 of ${mib(size)}` });
    const jobId = await upload(options, size, uploadBar);
    const jobBar = bars.create(1000, 0, { label: 'process', detail: `job ${jobId} PENDING` });
    // Ctrl-C stops following, not the job: it said nothing, as if the import had been cancelled.
    const followed = onInterrupt(() => process.stderr.write(`\n${goesOnWithout(jobId)}\n`));
    job = await follow(options, jobId, jobBar).finally(followed);
  } finally {
    // Off a terminal the bars drew nothing, and MultiBar.stop() would print them once anyway,
    // without the labels it never started them with (" {label} [████] 100% …").
    if (process.stderr.isTTY) bars.stop();
  }
  process.stdout.write(summary(job));
  return job.status === 'DONE' ? 0 : 1;
}

/** Every option checked before anything is sent: a mistake costs no upload. */
function readOptions(argv: string[]): Options {
  const { flags, positionals } = parseCommand(argv, { values: ['user', 'format', 'url', 'key'], positionals: { min: 1, max: 1, names: ['FILE'] } }, USAGE);
  const file = inputFile('FILE', positionals[0]);
  const format = flags.get('format') ?? ({ '.csv': 'csv', '.json': 'activitywatch' } as Record<string, string>)[extname(file).toLowerCase()];
  if (format === undefined) throw new UsageError('--format is required (csv or activitywatch) when the file is not .csv or .json');
  if (!(IMPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${IMPORT_FORMATS.join(', ')} (got "${format}")`);
  const user = flags.get('user');
  const userProblem = user !== undefined ? idProblem(user) : undefined;
  if (userProblem !== undefined) throw new UsageError(`--user ${userProblem}`);
  return { file, user, format, gateway: gatewayAccess({ url: flags.get('url'), key: flags.get('key') }, 'the ingest and read scopes') };
}

/** Streams the file (never read whole) as the request body; the bar follows the bytes handed to the socket. */
function upload(options: Options, size: number, bar: SingleBar): Promise<string> {
  const query = new URLSearchParams({ format: options.format, fileName: options.file.split(/[\\/]/).pop()!, ...(options.user !== undefined ? { userId: options.user } : {}) });
  const { gateway } = options;
  const url = new URL(`${gateway.url}/v1/imports?${query}`);
  return new Promise((resolvePromise, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'POST', headers: { 'x-api-key': gateway.key, 'content-type': 'application/octet-stream', 'content-length': size } }, (res) => {
      void readJson(res).then((body) => {
        const { message, field } = (body as { message?: string; field?: string } | undefined) ?? {};
        // The gateway names its query parameters; this command's user sets them with options.
        const option = field !== undefined ? OPTION_OF_PARAMETER[field] : undefined;
        if (res.statusCode === 202) resolvePromise(String((body as { jobId: string }).jobId));
        else if (res.statusCode === 401 || res.statusCode === 403) reject(keyRefused(gateway, res.statusCode, message));
        else reject(new Error(`upload refused (${res.statusCode}): ${message ?? JSON.stringify(body)}${option ? ` (set with ${option})` : ''}`));
      }, reject);
    });
    req.on('error', (error) => reject(gatewayUnreachable(gateway, error)));
    let sent = 0;
    createReadStream(options.file)
      .on('data', (chunk) => {
        sent += chunk.length;
        bar.update(sent, { detail: `${mib(sent)} of ${mib(size)}` });
      })
      .on('error', reject)
      .pipe(req);
  });
}

async function follow({ gateway }: Options, jobId: string, bar: SingleBar): Promise<ImportJobView> {
  let failingSince: number | undefined;
  for (;;) {
    const read = await readJob(gateway, jobId);
    if ('failure' in read) {
      // The job runs in the pipeline whatever happens to this command: a gateway restarting or a
      // database blip (503, 429, no answer) ended the command at once, as if the import had failed.
      failingSince ??= Date.now();
      if (!read.transient || Date.now() - failingSince > FOLLOW_PATIENCE_MS) {
        throw new Error(`${read.failure}; ${goesOnWithout(jobId)}`);
      }
      bar.update({ detail: `${read.failure}; retrying` });
      await new Promise((r) => setTimeout(r, POLL_MS * 4));
      continue;
    }
    failingSince = undefined;
    const { job } = read;
    bar.update(Math.round((job.progress ?? 0) * 1000), {
      detail: `${job.status} | ${job.rowsProcessed} rows | ${job.accepted} accepted, ${job.duplicates} duplicates, ${job.rejectedCount} rejected`,
    });
    if (job.status === 'DONE' || job.status === 'FAILED') return job;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

const goesOnWithout = (jobId: string) => `import job ${jobId} goes on without this command: GET /v1/imports/${jobId} follows it`;

/** The job, or why it could not be read and whether that may pass (no answer, 429, 5xx). */
async function readJob(gateway: GatewayAccess, jobId: string): Promise<{ job: ImportJobView } | { failure: string; transient: boolean }> {
  let response: Response;
  try {
    response = await fetch(`${gateway.url}/v1/imports/${jobId}`, { headers: { 'x-api-key': gateway.key } });
  } catch (error) {
    return { failure: gatewayUnreachable(gateway, error).message, transient: true };
  }
  const body = (await response.json().catch(() => ({}))) as ImportJobView & { message?: string };
  if (response.ok) return { job: body };
  return { failure: `cannot read job ${jobId} (${response.status}): ${body.message ?? response.statusText}`, transient: response.status === 429 || response.status >= 500 };
}

function readJson(res: IncomingMessage): Promise<unknown> {
  return new Promise((resolvePromise, reject) => {
    const parts: Buffer[] = [];
    res.on('data', (chunk: Buffer) => parts.push(chunk));
    res.on('end', () => {
      const text = Buffer.concat(parts).toString('utf8');
      try {
        resolvePromise(text ? JSON.parse(text) : undefined);
      } catch {
        resolvePromise({ message: text });
      }
    });
    res.on('error', reject);
  });
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

runCommand('import', () => main(process.argv.slice(2)));
