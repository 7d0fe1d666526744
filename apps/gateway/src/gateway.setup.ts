import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { NestExpressApplication } from '@nestjs/platform-express';
import { json, NextFunction, raw, Request, RequestHandler, Response } from 'express';
import { DocumentNode, parse } from 'graphql';
import { IncomingMessage, Server, STATUS_CODES } from 'node:http';
import { AppConfig } from '@lib/config';
import { PipelineMetrics } from '@lib/observability';
import { ServiceOptions } from '@lib/platform';
import { ApiKeyVerifier, KeyStoreUnavailableException, KEYLESS_BODY_LIMIT_BYTES, keyRefusal, presentedKey } from './auth/api-key.guard';
import { RateLimitedException, RequestRateLimiter } from './auth/rate-limiter';
import { InFlightLimit } from './auth/in-flight-limit';
import { capConnections } from './connection-cap';
import { errorBody, sendErrorBody } from './error-body';
import { GRAPHQL_PATH } from './graphql/graphql-subscriptions.server';
import { unmergeableSelections } from './graphql/selection-merging';
import { graphqlErrorCode } from './graphql/status-graphql-error';
import { documentErrorAnswers } from './openapi-error-answers';

/** How the gateway is started, by main and by tests: its own body parsers only (configureGateway). */
export const GATEWAY_SERVICE: ServiceOptions = { name: 'gateway', configure: configureGateway, bodyParser: false };

/** HTTP settings of the public door: body limit, request and keep-alive time limits, open connections, trusted proxies, OpenAPI at /docs. Shared by main and tests. */
export function configureGateway(app: INestApplication, config: AppConfig): void {
  (app as NestExpressApplication).disable('x-powered-by');
  app.use(setSecurityHeaders);
  app.use(['/v1', GRAPHQL_PATH], varyByKey);
  app.use(limitBodyTime(config.HTTP_BODY_TIMEOUT_SEC));
  app.use(refuseBodiesThatAreNotJson);
  app.use(GRAPHQL_PATH, budgetGraphqlWithoutKey(app.get(RequestRateLimiter)));
  app.use(GRAPHQL_PATH, describeGraphqlToBrowsers);
  app.use(authenticateBeforeBodies(app.get(ApiKeyVerifier)));
  // Before the JSON parser, which then leaves these bodies alone: events are forwarded as bytes.
  app.use('/v1/events', raw({ type: isEventsPost, limit: config.BODY_LIMIT_BYTES }));
  app.use(jsonBodies(config.BODY_LIMIT_BYTES));
  app.use(refuseDeeplyNestedBodies);
  app.use(answerUnreadableBodies);
  app.use(GRAPHQL_PATH, refuseUnmergeableSelections);
  (app.getHttpServer() as Server).requestTimeout = config.HTTP_REQUEST_TIMEOUT_SEC * 1000;
  (app.getHttpServer() as Server).keepAliveTimeout = config.HTTP_KEEP_ALIVE_SEC * 1000;
  capConnections(app.getHttpServer() as Server, config.HTTP_MAX_CONNECTIONS, 'api', app.get(PipelineMetrics));
  trustProxies(app as NestExpressApplication, config.TRUST_PROXY);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('activity-pipeline')
      .setDescription('Activity events in, categorized time and live leaderboards out')
      .setVersion('1')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key')
      // ApiKeyGuard takes the same key as Authorization: Bearer <key>; each route accepts either.
      // bearerFormat: Nest's default says JWT, which the key is not.
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'ap_<id>_<secret>', description: 'the API key, as Authorization: Bearer <key>' }, 'bearer')
      .build(),
  );
  SwaggerModule.setup('docs', app, documentErrorAnswers(document));
}

/**
 * A body must arrive within `seconds` (HTTP_BODY_TIMEOUT_SEC), import uploads excepted: the
 * server's own limit (HTTP_REQUEST_TIMEOUT_SEC) is an hour for them, and a body trickling in held
 * its connection that long on every route. Past it: 408, and the connection closes.
 */
function limitBodyTime(seconds: number): RequestHandler {
  return (req, res, next) => {
    if (!hasBody(req) || OWN_BODY_TYPES.test(req.originalUrl)) return next();
    const timer = setTimeout(() => {
      if (req.readableEnded || res.headersSent) return;
      res.setHeader('Connection', 'close');
      refuseRequest(req, res, 408, `body was not received within ${seconds} s (HTTP_BODY_TIMEOUT_SEC)`, 'body');
    }, seconds * 1000);
    const stop = () => clearTimeout(timer);
    req.once('end', stop);
    res.once('close', stop);
    next();
  };
}

/** Requests that brought no valid API key: their bodies are read up to KEYLESS_BODY_LIMIT_BYTES. */
const withoutKey = new WeakSet<IncomingMessage>();

/**
 * The key is checked before a body is read. Bodies were parsed first and the key checked after:
 * anyone could make the gateway parse 5 MB of `{},` (~110 MB of heap) per request for a 401 (8
 * at once took it from 116 to 895 MB RSS; a few dozen end it). A /v1 request, which always needs
 * a key, is refused here without reading its body; elsewhere (/graphql, keyless watchers) a body
 * without a valid key is read up to KEYLESS_BODY_LIMIT_BYTES. ApiKeyGuard still checks scopes. A
 * key that cannot be checked (a key store that does not answer: 503; past the client's budget of
 * unknown keys: 429) is refused here too, the body unread: it was read whole, up to
 * BODY_LIMIT_BYTES, before the guard refused it.
 */
function authenticateBeforeBodies(keys: ApiKeyVerifier): RequestHandler {
  const largeBodies = new InFlightLimit(LARGE_BODIES_PER_KEY, LARGE_BODIES_AT_ONCE);
  return (req, res, next) => {
    if (!hasBody(req)) return next();
    const presented = presentedKey(req.headers);
    const verified = presented ? keys.verifyFor(req, presented).catch((error: Error) => error) : Promise.resolve(null);
    void verified.then((key) => {
      // The key could not be checked (429 past the unknown keys' budget, 503 with the store away): said before any body is read.
      if (key instanceof RateLimitedException || key instanceof KeyStoreUnavailableException) {
        res.setHeader('Connection', 'close');
        return refuseRequest(req, res, key.getStatus(), key.message, presented === req.headers['x-api-key'] ? 'x-api-key' : 'authorization', key.retryAfterSec);
      }
      if (key instanceof Error) return next(key);
      if (key) return takeLargeBodySlot(largeBodies, key._id, req, res, next);
      if (!/^\/v1(\/|$)/.test(req.path)) {
        withoutKey.add(req);
        return next();
      }
      // The body stays unread: the connection closes after the answer instead of reading it.
      sendErrorBody(res, errorBody(401, keyRefusal(req.headers, presented)), { Connection: 'close' });
    });
  };
}

/** A body the gateway parses counts as large past this size (or when it declares none: chunked). */
export const LARGE_BODY_BYTES = 1024 * 1024;
/** Large bodies one API key may have read and handled at once on one gateway instance. */
export const LARGE_BODIES_PER_KEY = 2;
/** Large bodies one gateway instance reads and handles at once, all keys together. */
export const LARGE_BODIES_AT_ONCE = 4;
/** Retry-After of a large body refused for the ones in flight: they take a second or less. */
const LARGE_BODY_RETRY_AFTER_SEC = 1;

/**
 * A parsed JSON body takes up to ~22 times its size in heap (5 MB of `{},`: ~110 MB), so a valid
 * key could send many large ones at once and run the gateway out of memory (8 at once: 116 →
 * 895 MB RSS). A large body holds a slot until its answer is sent: past LARGE_BODIES_PER_KEY for
 * its key a 429, past LARGE_BODIES_AT_ONCE for the instance a 503, both with Retry-After and the
 * body unread. Import uploads (streamed to storage) take no slot; events batches do: one over
 * IngestClient's 700 KiB chunk is parsed here to be split.
 */
function takeLargeBodySlot(slots: InFlightLimit, keyId: string, req: Request, res: Response, next: NextFunction): void {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if ((Number.isFinite(declared) && declared <= LARGE_BODY_BYTES) || OWN_BODY_TYPES.test(req.originalUrl)) return next();
  const slot = slots.acquire(keyId);
  if (typeof slot === 'function') {
    // The key's check may have waited on Mongo: a client gone meanwhile closed the response before
    // this listener, and the slot would stay taken for good (LARGE_BODIES_AT_ONCE of them: 503s until a restart).
    if (res.destroyed || req.socket.destroyed) return slot();
    res.once('close', slot);
    return next();
  }
  res.setHeader('Connection', 'close');
  const size = `bodies over ${LARGE_BODY_BYTES} bytes (or of undeclared length)`;
  if (slot === 'holder') {
    refuseRequest(req, res, 429, `this API key has ${LARGE_BODIES_PER_KEY} ${size} being handled already, the most at once: send this one when one of them is answered (retry after ${LARGE_BODY_RETRY_AFTER_SEC} s)`, 'body', LARGE_BODY_RETRY_AFTER_SEC);
  } else {
    refuseRequest(req, res, 503, `this gateway is handling ${LARGE_BODIES_AT_ONCE} ${size} already, the most at once: retry after ${LARGE_BODY_RETRY_AFTER_SEC} s`, 'body', LARGE_BODY_RETRY_AFTER_SEC);
  }
}

/** JSON bodies up to `limit`, or KEYLESS_BODY_LIMIT_BYTES for a request without a valid key. */
function jsonBodies(limit: number): RequestHandler {
  const withKey = json({ limit });
  const keyless = json({ limit: KEYLESS_BODY_LIMIT_BYTES });
  return (req, res, next) => (withoutKey.has(req) ? keyless : withKey)(req, res, next);
}

/**
 * What a key reads is that key's, and the key travels in x-api-key, which shared caches do not know
 * as a credential: Vary tells any cache that one key's answer is not another's (no-store, set for
 * every answer, already keeps them from storing it).
 */
function varyByKey(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Vary', 'x-api-key, Authorization');
  next();
}

/**
 * Every answer, refusals included: answers depend on the API key, which travels in x-api-key, a
 * header shared caches do not know as credentials (unlike Authorization), so without `no-store` a
 * proxy or CDN keying on the URL could hand one key's boards, events or dead letters to anyone
 * asking the same URL. A route that may be cached says so itself (the dashboard page, /docs'
 * static files). `nosniff`: a JSON answer echoing a user's text is never read as HTML or script.
 */
function setSecurityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  next();
}

/**
 * A /graphql request without a key (introspection: nothing else answers without one) spends a
 * budget of its address as large as keyless watchers' (KEYLESS_RATE_LIMIT_PER_MIN): the schema is
 * ~90 KB of JSON and tens of ms of the gateway's one thread, and anyone could ask it without
 * limit. A request with a key spends that key's budget instead (a made-up one, UNKNOWN_KEYS_PER_MIN).
 */
function budgetGraphqlWithoutKey(rateLimiter: RequestRateLimiter): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'OPTIONS' || presentedKey(req.headers)) return next();
    rateLimiter.consumeForGraphqlWithoutKey(req.ip ?? req.socket.remoteAddress ?? 'unknown').then(
      () => next(),
      (error: unknown) => {
        if (!(error instanceof RateLimitedException)) return next(error);
        refuseRequest(req, res, 429, `${error.message}: send an API key (x-api-key) to use its own budget`, 'x-api-key', error.retryAfterSec);
      },
    );
  };
}

/**
 * What a browser opening /graphql (a link npm start prints) gets: how to use the endpoint. Apollo
 * answered a 400 "This operation has been blocked as a potential Cross-Site Request Forgery" (its
 * landing pages load from a CDN, so they are off: the stack must work without internet). GET
 * queries (`?query=`) and every other client go on to Apollo.
 */
function describeGraphqlToBrowsers(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'GET' || req.query.query !== undefined || !req.accepts('html') || req.accepts(['json', 'html']) !== 'html') return next();
  res
    .status(200)
    .set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" })
    .send(graphqlHelpPage(`${req.protocol}://${req.get('host') ?? 'localhost'}${GRAPHQL_PATH}`));
}

/** The page, with the endpoint's URL as this request named it (HTML-escaped: the Host header is the client's). */
function graphqlHelpPage(url: string): string {
  const endpoint = url.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>activity-pipeline GraphQL</title></head>
<body style="font:15px/1.5 system-ui,sans-serif;max-width:760px;margin:40px auto;padding:0 16px">
<h1>GraphQL endpoint</h1>
<p>Send queries and mutations here with <code>POST</code>, a JSON body <code>{"query": "&hellip;", "variables": {&hellip;}}</code>
and your API key in <code>x-api-key</code> (the local stack writes one to <code>.data/dev-api-key</code>):</p>
<pre style="background:#f3f5fa;padding:12px;border-radius:8px;overflow:auto">curl -s -X POST ${endpoint} -H "x-api-key: $KEY" -H 'content-type: application/json' \\
  -d '{"query":"{ leaderboard(board: \\"total\\", period: \\"day\\") { periodKey entries { rank userId score } } }"}'</pre>
<p>The schema is open to introspection (any GraphQL client or IDE reads it from this URL); subscriptions use
graphql-ws on the same path. The REST API and its OpenAPI page: <a href="/docs">/docs</a>; the dashboard: <a href="/">/</a>.</p>
</body></html>
`;
}

/**
 * POST /v1/events with a UTF-8 JSON body: kept as bytes for ingestion (IngestClient.submitBody).
 * Other charsets go on to body-parser's JSON reader, which decodes or refuses them.
 */
function isEventsPost(req: IncomingMessage): boolean {
  const request = req as Request;
  if (request.method !== 'POST' || request.path !== '/' || !request.is('json')) return false;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

/** Uploads negotiate their own types (CSV, JSON, multipart, octet-stream): imports.controller.ts. */
const OWN_BODY_TYPES = /^\/v1\/imports(\/|$|\?)/;

/**
 * The API reads JSON only (Nest's urlencoded parser is off: GATEWAY_SERVICE). A body of another
 * type would reach the handlers unread and be refused for what it lacks ("events must be an
 * array"), which misleads: `curl -d` without a content-type header sends urlencoded. So it is
 * refused for what it is, naming the header.
 */
function refuseBodiesThatAreNotJson(req: Request, res: Response, next: NextFunction): void {
  if (!['POST', 'PUT', 'PATCH'].includes(req.method) || OWN_BODY_TYPES.test(req.originalUrl) || !hasBody(req) || req.is(['json', '+json'])) return next();
  const given = req.headers['content-type'];
  const what = given ? `Content-Type "${given}" is not supported here` : 'Content-Type is missing';
  refuseRequest(req, res, 415, `${what}: send JSON with "content-type: application/json"`, 'content-type');
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** Deeper than any input of the API (a rule set export or an ActivityWatch category list nests ~6 levels). */
export const MAX_BODY_DEPTH = 32;

/**
 * A parsed JSON body nested thousands of levels deep (still within the size limit) overflows the
 * stack of whatever walks it recursively later (JSON.stringify on the way to another app did:
 * a 500): refused here, with the reason. The walk itself keeps its own stack, not the call stack.
 */
function refuseDeeplyNestedBodies(req: Request, res: Response, next: NextFunction): void {
  const pending: Array<[unknown, number]> = [[req.body, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    // Bytes (POST /v1/events keeps its body raw for ingestion) are not JSON structure: walking
    // them visited every byte of every events batch (found by the benchmark: gateway RSS 450 MB).
    if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) continue;
    if (depth > MAX_BODY_DEPTH) {
      refuseRequest(req, res, 400, `body nests arrays and objects deeper than ${MAX_BODY_DEPTH} levels`, 'body');
      return;
    }
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  next();
}

/** What body-parser sets on the errors it raises for a body it cannot read. */
interface BodyReadError {
  type: string;
  status: number;
  message: string;
  limit?: number;
  charset?: string;
  encoding?: string;
}

/**
 * The client's body could not be read: answered like every other 4xx, naming the body and the
 * reason, instead of Nest's bare "request entity too large" logged as a server error with a stack.
 */
function answerUnreadableBodies(error: unknown, req: Request, res: Response, next: NextFunction): void {
  const read = error as Partial<BodyReadError> | undefined;
  // A body that is not what its Content-Encoding says: zlib's error (code Z_…), wrapped without a type.
  const zlibCode = (read as { code?: unknown } | undefined)?.code;
  const undecodable = typeof zlibCode === 'string' && zlibCode.startsWith('Z_');
  if ((typeof read?.type !== 'string' && !undecodable) || typeof read?.status !== 'number' || read.status >= 500) return next(error);
  // http-errors keeps zlib's message ("incorrect header check") only when it sees an Error of its
  // own realm; otherwise (jest's module sandbox) the message is the status text and the code remains.
  const zlibReason = read.message && read.message !== STATUS_CODES[read.status] ? read.message : zlibCode;
  const message = undecodable
    ? `body is not valid ${req.headers['content-encoding']}: ${zlibReason}`
    : read.type === 'entity.too.large' && withoutKey.has(req)
      ? `body is larger than the limit of ${KEYLESS_BODY_LIMIT_BYTES} bytes for a request without a valid API key`
      : bodyErrorMessage(read as BodyReadError);
  refuseRequest(req, res, read.status, message, 'body');
}

/**
 * A GraphQL document whose fields graphql-js would take too long to find unmergeable
 * (selection-merging.ts), refused before Apollo parses and validates it: Apollo's validation runs
 * graphql-js' own rules first, so no rule of ours can stop it in time. Parsing twice costs little
 * beside it (parsing is linear). A document that does not parse is left to Apollo, which says why.
 */
function refuseUnmergeableSelections(req: Request, res: Response, next: NextFunction): void {
  const query: unknown = req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
  if (typeof query !== 'string') return next();
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true });
  } catch {
    return next();
  }
  const problem = unmergeableSelections(document);
  if (!problem) return next();
  res.status(400).json({ errors: [{ message: problem, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
}

/**
 * A request refused before anything reads it: in the one REST error shape, or on /graphql in
 * GraphQL's (`errors`), as Apollo answers a request it cannot take there. A GraphQL client got
 * { statusCode, message } for a body that was no JSON and { errors } for one without a query.
 */
function refuseRequest(req: Request, res: Response, status: number, message: string, field: string, retryAfterSec?: number): void {
  if (retryAfterSec !== undefined) res.setHeader('Retry-After', String(retryAfterSec));
  // The whole path: a middleware mounted on GRAPHQL_PATH sees `/` as req.path.
  if (`${req.baseUrl}${req.path}` !== GRAPHQL_PATH && `${req.baseUrl}${req.path}` !== `${GRAPHQL_PATH}/`) return sendErrorBody(res, errorBody(status, message, { field }));
  if (res.headersSent) return void res.end();
  // A body Apollo cannot take is its BAD_REQUEST (not BAD_USER_INPUT, a field's argument); other statuses their own code.
  const code = status === 400 ? 'BAD_REQUEST' : graphqlErrorCode(status);
  res.status(status).json({ errors: [{ message, extensions: { code, status, field, ...(retryAfterSec !== undefined ? { retryAfter: retryAfterSec } : {}) } }] });
}

function bodyErrorMessage(error: BodyReadError): string {
  switch (error.type) {
    case 'entity.too.large':
      return `body is larger than the limit of ${error.limit} bytes (BODY_LIMIT_BYTES)`;
    case 'entity.parse.failed':
      return `body is not valid JSON: ${error.message}`;
    case 'charset.unsupported':
      return `body charset "${error.charset}" is not supported: send UTF-8`;
    case 'encoding.unsupported':
      return `Content-Encoding "${error.encoding}" is not supported: send the body as is, gzip, deflate or br`;
    default:
      return `body could not be read: ${error.message}`;
  }
}

/** Express's `trust proxy` from TRUST_PROXY; an address Express cannot read stops the boot, naming the variable. */
function trustProxies(app: NestExpressApplication, setting: string): void {
  if (setting === '') return;
  try {
    app.set('trust proxy', /^\d+$/.test(setting) ? Number(setting) : setting);
  } catch (error) {
    throw new Error(`TRUST_PROXY: ${(error as Error).message}`);
  }
}
