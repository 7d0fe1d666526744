import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, registerDecorator, ValidationArguments, validateSync } from 'class-validator';
import { maskedUrl } from './masked-url';

/**
 * A number setting as written (IsInt, or IsNumber for the one fraction, checks it); blanks are no
 * number (NaN, refused naming the variable): Number(' ') is 0, so MODEL_CONFIDENCE_THRESHOLD=" "
 * never asked the LLM and PORT=" " took any free port.
 */
const toNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : typeof value === 'string' && value.trim() === '' ? NaN : Number(value));

/**
 * Every setting of every app, parsed from the environment and validated at boot. The README's
 * configuration table documents the same names and defaults.
 */
export class AppConfig {
  @Matches(/^(nats|tls|wss?):\/\/[^,\s]+(,(nats|tls|wss?):\/\/[^,\s]+)*$/, { message: 'NATS_URL must be one or more comma-separated nats:// URLs' })
  NATS_URL = 'nats://127.0.0.1:4222';

  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, { message: 'MONGO_URL must be a mongodb:// URL' })
  MONGO_URL = 'mongodb://127.0.0.1:27017';

  @Matches(/^[A-Za-z0-9_-]{1,60}$/, { message: 'MONGO_DB must be 1-60 letters, digits, _ or -' })
  MONGO_DB = 'activity';

  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Matches(/^[a-z][a-z0-9-]{0,30}$/, { message: 'PIPELINE_PREFIX must be lower-case letters, digits or - (starting with a letter)' })
  PIPELINE_PREFIX = 'ap';

  // Every key name is this and a fixed part (`ap:lb:…`): without the final `:` they read `aplb:…`,
  // `aprl:…`, the prefix no longer told apart from the key. (Set empty, it is the default, as every variable.)
  @Matches(/^[A-Za-z0-9:_-]{0,39}:$/, { message: 'REDIS_PREFIX must be 1-40 letters, digits, :, _ or -, ending with : (e.g. ap:), which sets its keys apart from others in the same Redis' })
  REDIS_PREFIX = 'ap:';

  @Transform(toNumber) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsString()
  TIME_ZONE = 'UTC';

  /**
   * Local hour (TIME_ZONE) from which the leaderboard's daily maintenance may run: on FerretDB
   * its verify reads every stored log, so a deployment picks a quiet hour.
   */
  @Transform(toNumber) @IsInt() @Min(0) @Max(23)
  MAINTENANCE_HOUR = 0;

  @Transform(toNumber) @IsInt() @Min(1) @Max(64)
  CONSUMER_CONCURRENCY = 2;

  /** Batches of the bulk lane (imports) handled at once per stage instance: low, so live events keep the CPU. */
  @Transform(toNumber) @IsInt() @Min(1) @Max(64)
  BULK_CONCURRENCY = 1;

  /** Envelopes (≤ 1,000 events each) an import may run ahead of the bulk lane's stages before it waits. */
  @Transform(toNumber) @IsInt() @Min(1) @Max(100000)
  IMPORT_MAX_BACKLOG = 16;

  /** An upload with no new data for this long is failed and its stored part removed (the gateway or the client stopped). */
  @Transform(toNumber) @IsInt() @Min(1) @Max(86400)
  IMPORT_UPLOAD_STALL_SEC = 600;

  /**
   * Import jobs one API key may have unfinished (PENDING or PROCESSING: their files are in the
   * imports stream, on the NATS server's disk, until the job ends); one more upload is a 429.
   */
  @Transform(toNumber) @IsInt() @Min(1) @Max(10_000)
  IMPORT_JOBS_PER_KEY = 4;

  @Transform(toNumber) @IsInt() @Min(1) @Max(1000)
  CONSUMER_BATCH_SIZE = 64;

  /**
   * Payload bytes per handler call (a single larger message still makes a batch of its own); the
   * pull buffer of a consumer holds (concurrency + 1) times this. Bounds a stage's memory whatever
   * the size of its messages.
   */
  @Transform(toNumber) @IsInt() @Min(1024) @Max(256 * 1024 * 1024)
  CONSUMER_BATCH_BYTES = 8 * 1024 * 1024;

  @Transform(toNumber) @IsInt() @Min(0) @Max(10000)
  CONSUMER_BATCH_WAIT_MS = 10;

  @Transform(toNumber) @IsInt() @Min(2) @Max(100)
  MAX_DELIVERIES = 8;

  @Transform(toNumber) @IsInt() @Min(1) @Max(3600)
  ACK_WAIT_SEC = 30;

  @Transform(toNumber) @IsInt() @Min(10) @Max(600000)
  RETRY_BASE_MS = 500;

  @Transform(toNumber) @IsInt() @Min(100) @Max(3600000) @NotBelow('RETRY_BASE_MS')
  RETRY_MAX_MS = 60000;

  @Transform(toNumber) @IsInt() @Min(1) @Max(5)
  STREAM_REPLICAS = 1;

  @Transform(toNumber) @IsInt() @Min(1) @Max(24 * 365)
  STREAM_MAX_AGE_HOURS = 168;

  /**
   * At least 120 s: the gateway's stalled-upload sweeper sends a stored import's run message again
   * 60 s after the upload ended (QUEUE_GRACE_MS) and counts on JetStream dropping the copy.
   */
  @Transform(toNumber) @IsInt()
  @Min(120, { message: 'DUPLICATE_WINDOW_SEC must be at least 120: an import\'s run message is re-sent after 60 s and this window must drop the copy' })
  @Max(86400)
  DUPLICATE_WINDOW_SEC = 3600;

  @Transform(toNumber) @IsInt() @Min(1024) @Max(100 * 1024 * 1024)
  BODY_LIMIT_BYTES = 5 * 1024 * 1024;

  /**
   * Longest time the gateway takes to receive one request, body included (0: no limit). Node's
   * default, 300 s, would cut an import upload slower than 14 MB/s short of the 4 GiB CSV limit.
   */
  @Transform(toNumber) @IsInt() @Min(0) @Max(86400)
  HTTP_REQUEST_TIMEOUT_SEC = 3600;

  /**
   * Longest time the gateway waits for a request's body, import uploads excepted (they have
   * HTTP_REQUEST_TIMEOUT_SEC): with only that hour, a body trickling in held its connection for
   * an hour on every route, keyless ones included.
   */
  @Transform(toNumber) @IsInt() @Min(1) @Max(86400)
  HTTP_BODY_TIMEOUT_SEC = 60;

  /**
   * How long the gateway keeps an idle keep-alive connection open for its next request: longer
   * than a load balancer's own idle timeout (AWS ALB, nginx: 60 s), or a request it sends as the
   * gateway closes the connection is lost (a 502 now and then). Node's default was 5 s.
   */
  @Transform(toNumber) @IsInt() @Min(1) @Max(3600)
  HTTP_KEEP_ALIVE_SEC = 65;

  /**
   * Open connections the gateway holds at most on each of its ports: past it a new one is closed
   * at once, counted and logged. Unbounded, a client opening connections without end (nothing
   * sent: no key to check, no rate limit) took the process' memory and descriptors, which its own
   * NATS, Mongo and Redis connections need too.
   */
  @Transform(toNumber) @IsInt() @Min(1) @Max(1_000_000)
  HTTP_MAX_CONNECTIONS = 10_000;

  @Transform(toNumber) @IsInt() @Min(100) @Max(120000)
  RPC_TIMEOUT_MS = 5000;

  /**
   * Longest a SIGTERM or SIGINT waits for in-flight batches and requests to finish before the app
   * exits anyway (what it had not acked is delivered again): a hung dependency held a stopping
   * app past its orchestrator's grace (Docker's 10 s, npm start's 15 s), which then killed it
   * without a word in its log.
   */
  @Transform(toNumber) @IsInt() @Min(1) @Max(3600)
  SHUTDOWN_GRACE_SEC = 8;

  /**
   * How long a stopping app goes on serving, its port open and /health/ready 503, before its drain
   * (SHUTDOWN_GRACE_SEC) begins: time for a load balancer that probes readiness to take it out. At
   * 0 the gateway closes its port at the signal, and a probe was refused, never seeing the 503.
   */
  @Transform(toNumber) @IsInt() @Min(0) @Max(300)
  SHUTDOWN_DELAY_SEC = 0;

  // --- classification and inference (issue: classification) ---
  @Transform(toNumber) @IsInt() @Min(100) @Max(1_000_000)
  CLASSIFIER_CACHE_SIZE = 50_000;

  /** Below this model confidence the LLM is asked (when configured). */
  @Transform(toNumber) @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'MODEL_CONFIDENCE_THRESHOLD must be a number' }) @Min(0) @Max(1)
  MODEL_CONFIDENCE_THRESHOLD = 0.6;

  @IsOptional() @IsString()
  MODEL_PATH?: string;

  /** onnxruntime intra-op threads of the inference app; 0: onnxruntime's default (one per core). */
  @Transform(toNumber) @IsInt() @Min(0) @Max(64)
  INFERENCE_THREADS = 1;

  @IsOptional()
  @Checked('isHttpUrl', isHttpUrl, 'LLM_BASE_URL must be an http(s) URL of an OpenAI-compatible API')
  @Checked('holdsNoCredentials', holdsNoCredentials, 'LLM_BASE_URL must hold no user or password (fetch refuses such a URL); put the key in OPENAI_API_KEY')
  LLM_BASE_URL?: string;

  /** As the server looks it up: blanks around it (an env file's trailing space) made every call a 404. */
  @IsOptional() @Matches(/^\S(.*\S)?$/s, { message: 'LLM_MODEL must not start or end with blanks' })
  LLM_MODEL?: string;

  @IsOptional() @IsString()
  OPENAI_API_KEY?: string;

  @Transform(toNumber) @IsInt() @Min(100) @Max(120000)
  LLM_TIMEOUT_MS = 10000;

  @Transform(toNumber) @IsInt() @Min(1) @Max(64)
  LLM_CONCURRENCY = 4;

  @Transform(toNumber) @IsInt() @Min(0) @Max(10)
  LLM_MAX_RETRIES = 2;

  /**
   * Longest LLM reply, in tokens (`max_tokens`, or `max_completion_tokens` where the server wants
   * it): the answer is some 30; unbounded, a model that rambled wrote until LLM_TIMEOUT_MS, billed
   * for all of it. Reasoning models count their thinking here: give them a few thousand.
   */
  @Transform(toNumber) @IsInt() @Min(16) @Max(65536)
  LLM_MAX_TOKENS = 512;

  /**
   * How long a batch of unknown events waits for the LLM's second opinions before it goes on
   * with the model's answers: a question still queued then is not sent, and an answer arriving
   * later is the one stored for the next identical event. Bounds the delay a slow or overloaded
   * LLM adds to the boards.
   */
  @Transform(toNumber) @IsInt() @Min(100) @Max(600000)
  LLM_WAIT_MS = 5000;

  // --- leaderboards (issue: leaderboards) ---
  /** Periods whose end is older than this many days move from Redis to the Mongo archive. */
  @Transform(toNumber) @IsInt() @Min(1) @Max(3650)
  ARCHIVE_AFTER_DAYS = 35;

  /** Most board pushes per second per board to live subscribers (SSE, GraphQL). */
  @Transform(toNumber) @IsInt() @Min(1) @Max(50)
  LIVE_UPDATES_PER_SEC = 4;

  /**
   * Seconds between keep-alive comments (`: keepalive`) on an SSE stream with no change to send:
   * proxies close idle connections, and a client can tell a quiet board from a dead stream. At most
   * 30: the dashboard reopens a stream it heard nothing from for 75 s.
   */
  @Transform(toNumber) @IsInt() @Min(1) @Max(30)
  LIVE_KEEPALIVE_SEC = 15;

  /**
   * Seconds between re-reads of every board a live view shows here, pushed where it differs from
   * the last page pushed: a change whose notice was lost (core NATS, fire and forget) shows within it.
   */
  @Transform(toNumber) @IsInt() @Min(1) @Max(3600)
  LIVE_RECONCILE_SEC = 30;

  /** Live views (SSE streams and GraphQL subscriptions together) one API key may hold open on one gateway instance. */
  @Transform(toNumber) @IsInt() @Min(1) @Max(100_000)
  LIVE_VIEWS_PER_KEY = 100;

  // --- gateway (issue: operations) ---
  /** aw-server compatible API for ActivityWatch watchers; 0 disables the extra listener. */
  @Transform(toNumber) @IsInt() @Min(0) @Max(65535)
  AW_PORT = 5600;

  /** Requests per minute per API key. */
  @Transform(toNumber) @IsInt() @Min(1) @Max(1_000_000)
  RATE_LIMIT_PER_MIN = 6000;

  /**
   * Requests per minute per client address for ActivityWatch watchers that send no API key
   * (a watcher sends about one heartbeat a second; hosts behind one NAT or proxy share it).
   */
  @Transform(toNumber) @IsInt() @Min(1) @Max(1_000_000)
  KEYLESS_RATE_LIMIT_PER_MIN = 1200;

  /**
   * Checks of API keys the gateway does not know to be valid (made up, mistyped, revoked) per
   * minute per client address: each may cost a database lookup. Past it: 429 before any lookup.
   */
  @Transform(toNumber) @IsInt() @Min(1) @Max(1_000_000)
  UNKNOWN_KEYS_PER_MIN = 60;

  /**
   * Reverse proxies in front of the gateway whose X-Forwarded-For gives the client's address (for
   * the keyless budget): empty for none, a number of proxy hops, or addresses and CIDRs (also
   * loopback, linklocal, uniquelocal). Never "trust everyone": the header would be the client's to forge.
   */
  @Matches(/^$|^\d{1,2}$|^[0-9A-Za-z.:/]+(\s*,\s*[0-9A-Za-z.:/]+)*$/, {
    message: 'TRUST_PROXY must be empty, a number of proxy hops, or a comma-separated list of addresses, CIDRs, loopback, linklocal or uniquelocal',
  })
  TRUST_PROXY = '';
}

export class ConfigError extends Error {}

/**
 * Every variable AppConfig reads: those with a default, and the optional ones without (own
 * properties of an instance or not, depending on how the class was compiled).
 */
export const CONFIG_VARIABLES: readonly string[] = [...new Set(Object.keys(new AppConfig()).concat('MODEL_PATH', 'LLM_BASE_URL', 'LLM_MODEL', 'OPENAI_API_KEY'))];

/** Checks a string setting with `isValid`; a value that fails is refused with `message`. */
function Checked(name: string, isValid: (value: string) => boolean, message: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValid(value) },
    });
}

/** The URL as fetch reads it (WHATWG), or undefined when it is none. */
function parsedUrl(value: string): URL | undefined {
  if (/\s/.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * An http(s) URL as fetch reads it: a pattern let through `http://[::1` and a port above 65535, on
 * which every call failed with "Invalid URL" while the app ran, naming no setting.
 */
function isHttpUrl(value: string): boolean {
  const url = parsedUrl(value);
  return url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}

/** fetch refuses a URL with a user or password on every call, quoting it whole (the password too) in the error it throws. */
function holdsNoCredentials(value: string): boolean {
  const url = parsedUrl(value);
  return url === undefined || (url.username === '' && url.password === '');
}

/**
 * Refuses a value below another variable's: a cap below its base (RETRY_MAX_MS under RETRY_BASE_MS)
 * was accepted and silently made every retry wait the cap.
 */
function NotBelow(other: keyof AppConfig): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'notBelow',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => typeof value !== 'number' || value >= Number((args?.object as AppConfig)[other]),
        defaultMessage: (args?: ValidationArguments) => `${String(propertyName)} must be at least ${other} (${String((args?.object as AppConfig)[other])})`,
      },
    });
}

/**
 * Parses and validates the environment; throws one error listing every bad variable by name.
 * `defaults` lets each app set its own port (and tests their own prefixes).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, defaults: Partial<AppConfig> = {}): AppConfig {
  const provided: Record<string, unknown> = { ...defaults };
  for (const name of CONFIG_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value !== '') provided[name] = value;
  }
  const config = plainToInstance(AppConfig, provided);
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(shownValue(e.value, provided[e.property]))}: ${reasons(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  assertTimeZone(config.TIME_ZONE);
  assertLlmComplete(config);
  if (config.LLM_BASE_URL) assertApiKeyUsable(config.OPENAI_API_KEY);
  return config;
}

/**
 * An OPENAI_API_KEY that no server can take, refused (where the LLM is on) without showing it (the error goes to the log):
 * docker's --env-file keeps quotes as written (every call a 401), and a character an HTTP header
 * cannot carry (a typographic quote pasted from a document) made every call throw "Cannot convert
 * argument to a ByteString", naming no setting. Blanks around it are fine: fetch trims them.
 */
function assertApiKeyUsable(key: string | undefined): void {
  if (key === undefined) return;
  const trimmed = key.trim();
  const offset = key.indexOf(trimmed);
  const at = trimmed.search(/[^!-~]/);
  let reason: string | undefined;
  if (/^(["']).*\1$/s.test(trimmed)) reason = 'is in quotes, which an env file keeps as written; remove them';
  else if (at >= 0 && trimmed.charCodeAt(at) < 128) reason = `holds a blank at position ${offset + at + 1}`;
  else if (at >= 0) reason = `holds a character that is no printable ASCII at position ${offset + at + 1} (a typographic quote or space?), which no HTTP header can carry`;
  if (reason) throw new ConfigError(`Invalid configuration:\n  OPENAI_API_KEY (not shown): ${reason}`);
}

/**
 * The LLM is used only with both LLM_BASE_URL and LLM_MODEL: one without the other left it off
 * without a word (a forgotten LLM_MODEL, a typo in its name), and unsure questions never reached it.
 */
function assertLlmComplete(config: AppConfig): void {
  if (Boolean(config.LLM_BASE_URL) === Boolean(config.LLM_MODEL)) return;
  const [set, missing] = config.LLM_BASE_URL ? ['LLM_BASE_URL', 'LLM_MODEL'] : ['LLM_MODEL', 'LLM_BASE_URL'];
  throw new ConfigError(`Invalid configuration:\n  ${missing}: required when ${set} is set (the LLM is used only with both; unset ${set} to run without it)`);
}

/**
 * What the operator wrote when it is not a number at all (NaN would print as `null`); a password
 * in a URL masked: the error goes to the app's log, and it printed `MONGO_URL="mongodb://admin:s3cret@db host"`.
 */
function shownValue(parsed: unknown, raw: unknown): unknown {
  const shown = typeof parsed === 'number' && !Number.isFinite(parsed) ? raw : parsed;
  return typeof shown === 'string' ? maskedUrl(shown) : shown;
}

/** A value that is not a number is only told so, not also that it is out of range both ways. */
function reasons(constraints: Record<string, string>): string[] {
  const notANumber = constraints.isInt ?? constraints.isNumber;
  return notANumber ? [notANumber] : Object.values(constraints);
}

function assertTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new ConfigError(`Invalid configuration:\n  TIME_ZONE=${JSON.stringify(zone)}: not an IANA time zone (e.g. UTC, Europe/Berlin)`);
  }
}
