import { BadRequestException, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UnsupportedMediaTypeException, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiExtraModels, ApiOperation, ApiQuery, ApiResponse, ApiSecurity, ApiTags, getSchemaPath } from '@nestjs/swagger';
import busboy from 'busboy';
import { Request, Response } from 'express';
import { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { IMPORT_FORMATS, ImportFormat, ImportJobView, invalidInput, parseChoice } from '@lib/contracts';
import { ImportJobRepository } from '@lib/persistence';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';
import { ImportJobModel } from './import-job.model';
import { findVisibleJob, importJobView, listVisibleJobs, userOf } from './import-job.view';
import { ImportUploadService } from './import-upload.service';

type UploadHttpRequest = Request & AuthenticatedRequest;

@ApiTags('imports')
@ApiSecurity('api-key')
@ApiBearerAuth('bearer')
@UseGuards(ApiKeyGuard)
@ApiExtraModels(ImportJobModel)
@Controller('v1/imports')
export class ImportsController {
  constructor(private readonly uploads: ImportUploadService, private readonly jobs: ImportJobRepository) {}

  @Post()
  @HttpCode(202)
  @RequireScope('ingest')
  @ApiOperation({
    summary: 'Upload a CSV file or an ActivityWatch export; 202 { jobId } once the file is stored, processed in the background (poll GET /v1/imports/:id)',
    description: 'Body: the file as text/csv, application/octet-stream or application/json (small), or multipart/form-data with one file part (a second one is a 400).',
  })
  @ApiConsumes('text/csv', 'application/octet-stream', 'application/json', 'multipart/form-data')
  @ApiBody({ schema: { type: 'string', format: 'binary', description: 'the file (multipart: one file part)' } })
  @ApiQuery({ name: 'format', required: false, enum: IMPORT_FORMATS, description: 'default: from the content type or the file name (.csv / .json)' })
  @ApiQuery({ name: 'userId', required: false, description: 'user of rows without user_id; required for ActivityWatch exports unless the key is bound to a user' })
  @ApiQuery({ name: 'fileName', required: false, description: 'shown in the job; at most 255 characters, no control characters (multipart: the file name of the part, the same limits)' })
  @ApiResponse({ status: 202, description: 'the file is stored; poll GET /v1/imports/{jobId} (the Location header)', headers: { Location: { description: 'the job: /v1/imports/{jobId}', schema: { type: 'string' } } }, schema: { type: 'object', required: ['jobId'], properties: { jobId: { type: 'string' } } } })
  async upload(
    @Req() req: UploadHttpRequest,
    @Res({ passthrough: true }) res: Response,
    @Query('format') format?: string,
    @Query('userId') userId?: string,
    @Query('fileName') fileName?: string,
  ): Promise<{ jobId: string }> {
    const key = req.apiKey!;
    const user = userOf(userId, key.userId, 'import data');
    const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
    const encoded = contentEncodingOf(req);
    const source = await uploadSource(req, contentType, encoded);
    const name = fileNameOf(fileName ?? source.fileName);
    const resolved = formatOf(format, contentType, name);
    if (resolved === 'activitywatch' && !user) throw invalidInput('userId', 'is required for ActivityWatch exports (or use an API key bound to a user)');
    const length = Number(req.headers['content-length']);
    const jobId = await this.uploads.receive(source.stream, {
      format: resolved,
      keyId: key._id,
      userId: user,
      boundUserId: key.userId,
      fileName: name,
      // A multipart body's length includes the form's framing, an encoded one is compressed: not the file's size.
      declaredBytes: !source.multipart && !encoded && Number.isFinite(length) && length > 0 ? length : undefined,
    });
    res.location(`/v1/imports/${jobId}`);
    return { jobId };
  }

  @Get()
  @RequireScope('read')
  @ApiOperation({ summary: 'Import jobs, newest first (without the rejected rows)' })
  @ApiQuery({ name: 'userId', required: false })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', minimum: 1, maximum: 200, description: '1..200, default 50' })
  @ApiQuery({ name: 'offset', required: false, type: 'integer', minimum: 0, maximum: 1_000_000, description: 'jobs to skip, default 0' })
  @ApiResponse({
    status: 200,
    schema: {
      type: 'object',
      required: ['jobs', 'hasMore'],
      properties: { jobs: { type: 'array', items: { $ref: getSchemaPath(ImportJobModel) } }, hasMore: { type: 'boolean', description: 'more jobs past this page (ask again with offset + limit)' } },
    },
  })
  list(@Req() req: AuthenticatedRequest, @Query('userId') userId?: string, @Query('limit') limit?: string, @Query('offset') offset?: string): Promise<{ jobs: ImportJobView[]; hasMore: boolean }> {
    return listVisibleJobs(this.jobs, { userId, limit, offset }, req.apiKey!.userId);
  }

  @Get(':id')
  @RequireScope('read')
  @ApiOperation({ summary: 'An import job: status, progress, counts and the rejected rows (row number, field, reason)' })
  @ApiResponse({ status: 200, type: ImportJobModel })
  async get(@Param('id') id: string, @Req() req: AuthenticatedRequest): Promise<ImportJobView> {
    return importJobView(await findVisibleJob(this.jobs, id, req.apiKey!.userId), true);
  }
}

/** Longest file name kept with a job: what file systems allow (a 5,000-character name was stored and shown in every list before 2026-11-25). */
const MAX_FILE_NAME_LENGTH = 255;

/** The query's `fileName` or the multipart part's, as a job shows it; a 400 naming `fileName` if it is not a name a file can have. */
function fileNameOf(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  if (name.length > MAX_FILE_NAME_LENGTH) throw invalidInput('fileName', `must be at most ${MAX_FILE_NAME_LENGTH} characters (got ${name.length})`);
  // Control characters would reach logs and terminals (npm run import prints the job) as they are.
  if (/[\u0000-\u001f\u007f]/.test(name)) throw invalidInput('fileName', 'must not contain control characters');
  return name;
}

function formatOf(requested: string | undefined, contentType: string, fileName: string | undefined): ImportFormat {
  const format = parseChoice(requested, 'format', IMPORT_FORMATS, undefined);
  if (format) return format;
  const name = fileName?.toLowerCase() ?? '';
  if (contentType.startsWith('text/csv') || name.endsWith('.csv')) return 'csv';
  if (contentType.startsWith('application/json') || name.endsWith('.json')) return 'activitywatch';
  throw invalidInput('format', 'is required: format=csv or format=activitywatch (or send a .csv / .json file name)');
}

/** The file's bytes as a stream: multipart (busboy), or the raw body; never the whole file in memory. */
interface UploadSource {
  stream: Readable;
  fileName?: string;
  multipart: boolean;
}

async function uploadSource(req: UploadHttpRequest, contentType: string, encoded: Decoder | undefined): Promise<UploadSource> {
  if (contentType.startsWith('multipart/form-data')) {
    if (encoded) throw new UnsupportedMediaTypeException({ message: 'Content-Encoding is not supported with multipart/form-data: compress the file alone and send it as the body', field: 'body' });
    return multipartFile(req);
  }
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    throw new UnsupportedMediaTypeException({
      message: 'send the file as text/csv, application/octet-stream, application/json or multipart/form-data (curl: --data-binary @FILE -H "content-type: text/csv")',
      field: 'content-type',
    });
  }
  // The gateway's JSON parser already read (and decoded) small application/json bodies (larger ones: 413, send octet-stream).
  if (req.readableEnded) return { stream: Readable.from([Buffer.from(JSON.stringify(req.body ?? null))]), multipart: false };
  return { stream: encoded ? Readable.from(decoded(req, encoded)) : req, multipart: false };
}

interface Decoder {
  name: string;
  create: () => Transform;
}

/** Content-Encodings an upload may use, decoded as the file streams in (it is never whole in memory). */
const DECODERS = new Map<string, () => Transform>([
  ['gzip', createGunzip],
  ['x-gzip', createGunzip],
  ['deflate', createInflate],
  ['br', createBrotliDecompress],
]);

/** The upload's Content-Encoding (undefined: as is); one the gateway cannot decode is refused naming it. */
function contentEncodingOf(req: UploadHttpRequest): Decoder | undefined {
  const name = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  // The JSON parser decoded what it read already.
  if (name === 'identity' || req.readableEnded) return undefined;
  const create = DECODERS.get(name);
  if (!create) throw new UnsupportedMediaTypeException({ message: `Content-Encoding "${name}" is not supported: send the file as is, gzip, deflate or br`, field: 'body' });
  return { name, create };
}

/** The decoded bytes; a body that is not what its Content-Encoding says is the client's mistake (400), not ours. */
async function* decoded(req: UploadHttpRequest, encoding: Decoder): AsyncGenerator<Buffer> {
  const decoder = req.pipe(encoding.create());
  let readFailure: unknown;
  req.on('error', (error) => {
    readFailure = error;
    decoder.destroy(error);
  });
  try {
    for await (const chunk of decoder) yield chunk as Buffer;
  } catch (error) {
    if (error === readFailure) throw error;
    throw new BadRequestException({ message: `the body is not valid ${encoding.name}: ${(error as Error).message}`, field: 'body' });
  }
}

/**
 * The body's one file part. The file counts as whole only once the body has ended without a
 * second file part: one is refused naming it (it used to be ignored, its rows silently lost).
 */
function multipartFile(req: UploadHttpRequest): Promise<UploadSource> {
  // A second file part is enough to refuse the upload: busboy need not parse further ones.
  const form = busboy({ headers: req.headers, limits: { files: 2 } });
  let bodyEnded!: () => void;
  let bodyFailed!: (error: Error) => void;
  const bodyEnd = new Promise<void>((resolve, reject) => ((bodyEnded = resolve), (bodyFailed = reject)));
  // Awaited by the file's reader; an upload that stopped earlier no longer cares.
  bodyEnd.catch(() => undefined);
  return new Promise((resolve, reject) => {
    let files = 0;
    form.on('file', (field, stream, info) => {
      if (++files === 1) return resolve({ stream: Readable.from(fileThenBodyEnd(stream, bodyEnd)), fileName: info.filename, multipart: true });
      stream.resume();
      bodyFailed(new BadRequestException({ message: `the multipart body has a second file part, "${field}"${info.filename ? ` (${info.filename})` : ''}: send one file per upload`, field }));
    });
    form.on('error', (error) => {
      const unreadable = new BadRequestException({ message: `unreadable multipart body: ${(error as Error).message}`, field: 'body' });
      bodyFailed(unreadable);
      reject(unreadable);
    });
    form.on('close', () => {
      bodyEnded();
      reject(new BadRequestException({ message: 'the multipart body has no file part', field: 'body' }));
    });
    req.pipe(form);
  });
}

async function* fileThenBodyEnd(file: Readable, bodyEnd: Promise<void>): AsyncGenerator<Buffer> {
  yield* file;
  await bodyEnd;
}
