export interface LlmAnswer {
  categoryId: string;
  confidence: number;
}

/**
 * The answer in a chat completion as the SDK returned it, or why there is none. The SDK hands back
 * a body that is not JSON as text (an HTML page at a wrong LLM_BASE_URL, a server that only
 * streams), which read as "empty reply" and named neither; a reply cut at the token limit says so.
 */
export function parseCompletion(completion: unknown, allowedIds: ReadonlySet<string>, byPath: ReadonlyMap<string, string | undefined> = new Map()): LlmAnswer | { invalid: string } {
  const choices = typeof completion === 'object' && completion !== null ? (completion as { choices?: unknown }).choices : undefined;
  if (!Array.isArray(choices)) return { invalid: `reply is not a chat completion (is LLM_BASE_URL the API's base, e.g. http://host:port/v1?): ${excerpt(completion)}` };
  if (choices.length === 0) return { invalid: 'reply has no choices' };
  const [first] = choices as Array<{ finish_reason?: unknown; message?: { content?: unknown; refusal?: unknown } } | null>;
  // OpenAI's structured refusal comes without content: it read "empty reply".
  const refusal = first?.message?.refusal;
  if (typeof refusal === 'string' && refusal !== '') return { invalid: `the model refused: ${excerpt(refusal)}` };
  const content = first?.message?.content;
  const answer = parseLlmAnswer(typeof content === 'string' ? content : null, allowedIds, byPath);
  const finishReason = first?.finish_reason;
  const why = typeof finishReason === 'string' ? STOPPED_SHORT.get(finishReason) : undefined;
  if ('invalid' in answer && why) return { invalid: `${answer.invalid}: ${why} (finish_reason "${finishReason as string}")` };
  return answer;
}

/** The finish reasons that explain an unusable reply. */
const STOPPED_SHORT = new Map([
  ['length', 'cut at the token limit (LLM_MAX_TOKENS)'],
  ['content_filter', 'stopped by the content filter'],
]);

/** The start of a body for a log line. */
function excerpt(body: unknown): string {
  return JSON.stringify(cutAt(typeof body === 'string' ? body : JSON.stringify(body) ?? String(body), 100));
}

/** `text` cut to `maxChars`, an ellipsis saying it was. */
export function cutAt(text: string, maxChars: number): string {
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}

/**
 * Check of the model's reply: a JSON object whose `categoryId` is one of the allowed ids and whose
 * `confidence` is a fraction in [0, 1] or a percentage (confidenceFraction). Returns the answer, or
 * why it is unusable. What real LLMs wrap around an answer is looked past where the answer stays
 * unambiguous: a code fence or a sentence around the one object, a thinking model's reasoning
 * before it, an id in another letter case or with a trailing period.
 */
export function parseLlmAnswer(content: string | null | undefined, allowedIds: ReadonlySet<string>, byPath: ReadonlyMap<string, string | undefined> = new Map()): LlmAnswer | { invalid: string } {
  if (typeof content !== 'string' || content.trim() === '') return { invalid: 'empty reply' };
  // Thinking models (DeepSeek-R1, Qwen3 on llama.cpp or Ollama) reason first, drafts of the answer
  // included: the answer is what follows, and a reply cut while thinking has none.
  const afterThinking = content.replace(/<think>[\s\S]*?<\/think>/gi, '');
  if (/<think>/i.test(afterThinking)) return { invalid: 'reply holds only reasoning (<think> without </think>)' };
  const parsed = jsonIn(afterThinking);
  if (parsed === undefined) return { invalid: 'reply is not JSON' };
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { invalid: 'reply is not a JSON object' };
  const fields = parsed as Record<string, unknown>;
  // Small local models often write the key in snake case.
  const categoryId = 'categoryId' in fields ? fields.categoryId : fields.category_id;
  if (categoryId === undefined) return { invalid: `reply has no categoryId (its keys: ${Object.keys(fields).slice(0, 10).map((key) => JSON.stringify(key)).join(', ')})` };
  const { confidence } = fields;
  const allowedId = typeof categoryId === 'string' ? allowedIdFor(categoryId, allowedIds) ?? byPath.get(pathKey(categoryId)) : undefined;
  if (!allowedId) return { invalid: `categoryId ${JSON.stringify(categoryId)} is not one of the allowed ids` };
  const fraction = confidenceFraction(confidence);
  if (typeof fraction === 'object') return fraction;
  return { categoryId: allowedId, confidence: fraction };
}

/**
 * The confidence as a fraction in [0, 1]. Local models often write it as text ("0.9") or in
 * percent (90, "90%"): a value in (1, 100] is a percentage, as is any text ending in `%`. 1 is
 * certainty, not 1 %. Anything else is unusable, and says why.
 */
function confidenceFraction(confidence: unknown): number | { invalid: string } {
  const shown = JSON.stringify(confidence);
  let value = confidence;
  let percent = false;
  if (typeof confidence === 'string') {
    const text = /^\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*(%?)\s*$/.exec(confidence);
    if (!text) return { invalid: `confidence ${shown} is not a number` };
    value = Number(text[1]);
    percent = text[2] === '%';
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return { invalid: `confidence ${shown} is not a number` };
  if (value < 0) return { invalid: `confidence ${shown} is negative` };
  if (percent || value > 1) {
    if (value > 100) return { invalid: `confidence ${shown} is above 100 %: neither a fraction in [0, 1] nor a percentage` };
    return value / 100;
  }
  return value;
}

/**
 * The reply as JSON, else the text from its first `{` to its last `}` (a ```json fence, or "Here
 * is the answer: {…}", which servers that ignore `response_format` send). Two objects in one reply
 * span text that is not JSON: no answer is picked from them.
 */
function jsonIn(content: string): unknown {
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  for (const candidate of [content, start >= 0 && end > start ? content.slice(start, end + 1) : undefined]) {
    if (candidate === undefined) continue;
    try {
      return JSON.parse(candidate);
    } catch {
      // not JSON: try the next candidate
    }
  }
  return undefined;
}

/**
 * The allowed id the LLM meant: exactly it, else the one allowed id equal to it without trailing
 * periods or spaces (an id holds neither) and ignoring letter case; none when that is not one.
 */
function allowedIdFor(categoryId: string, allowedIds: ReadonlySet<string>): string | undefined {
  if (allowedIds.has(categoryId)) return categoryId;
  const wanted = categoryId.replace(/[.\s]+$/, '').trim().toLowerCase();
  const matches = [...allowedIds].filter((id) => id.toLowerCase() === wanted);
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * What to check, for an HTTP status that refuses every call alike until a setting changes (a wrong
 * address or model, a wrong or missing key); '' for one that is no setting's fault. A 401 read
 * "401 status code (no body)" and named no setting, and a missing OPENAI_API_KEY sends "none".
 */
export function statusHint(status: number | undefined, model: string, apiKeySet: boolean): string {
  if (status === 404) return ` (is LLM_BASE_URL the API's base, e.g. http://host:port/v1, and LLM_MODEL "${model}" a model it serves?)`;
  if (status !== 401 && status !== 403) return '';
  if (!apiKeySet) return ' (OPENAI_API_KEY is not set: set it to a key LLM_BASE_URL accepts)';
  return status === 401 ? ' (is OPENAI_API_KEY a key LLM_BASE_URL accepts?)' : ` (may OPENAI_API_KEY use LLM_MODEL "${model}" at LLM_BASE_URL?)`;
}

/**
 * The allowed ids by their path as the prompt shows it ("Work / Programming"), for a reply that
 * names its category so (small local models do; it was `invalid_output`). A path two categories
 * share maps to none: no guess between them.
 */
export function idsByPath(choices: ReadonlyArray<{ id: string; path: string }>): Map<string, string | undefined> {
  const byPath = new Map<string, string | undefined>();
  for (const { id, path } of choices) {
    const key = pathKey(path);
    byPath.set(key, byPath.has(key) && byPath.get(key) !== id ? undefined : id);
  }
  return byPath;
}

/** A path compared without letter case, trailing periods or spacing, `>` read as `/`. */
function pathKey(path: string): string {
  return path
    .replace(/[.\s]+$/, '')
    .split(/[/>]/)
    .map((part) => part.trim().toLowerCase())
    .join(' / ');
}

/**
 * `text` (an error the LLM server sent, which we log) without the API key in it: some servers and
 * proxies quote the Authorization header back ("Incorrect API key provided: Bearer sk-…").
 */
export function withoutApiKey(text: string, apiKey: string | undefined): string {
  return apiKey ? text.split(apiKey).join('[OPENAI_API_KEY]') : text;
}

/**
 * LLM_BASE_URL for a log line: where the calls go (scheme, host, port, path) without what may be a
 * secret in it, a user and password or query values (`?api-key=…` of some gateways), each `***`.
 */
export function baseUrlForLog(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return '(not a URL)';
  }
  if (url.username) url.username = '***';
  if (url.password) url.password = '***';
  for (const name of new Set(url.searchParams.keys())) url.searchParams.set(name, '***');
  return url.toString();
}

/**
 * LLM_BASE_URL as the SDK takes it: the base without its query string, whose parameters (a
 * gateway's `api-version` or `api-key`) go on every request as `defaultQuery`. Left in the base,
 * the SDK appended the path to the query (`/v1?api-version=1%2Fchat%2Fcompletions`): a 404 on every call.
 */
export function sdkBaseUrl(baseUrl: string): { baseURL: string; defaultQuery?: Record<string, string> } {
  const url = new URL(baseUrl);
  if (url.search === '') return { baseURL: baseUrl };
  const defaultQuery = Object.fromEntries(url.searchParams);
  url.search = '';
  url.hash = '';
  return { baseURL: url.toString(), defaultQuery };
}

/**
 * A failed call's error for a log line, with its causes: the SDK says only "Connection error." and
 * keeps why (`connect ECONNREFUSED 127.0.0.1:1234`, `getaddrinfo ENOTFOUND llm`, a certificate
 * error) in `cause`, a fetch error's own cause.
 */
export function errorReason(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    const { message, code, cause } = current as { message?: unknown; code?: unknown; cause?: unknown };
    const text = typeof message === 'string' && message !== '' ? message : typeof code === 'string' ? code : depth === 0 ? String(current) : '';
    if (text && !parts.includes(text)) parts.push(text);
    current = cause;
  }
  return parts.map((part, i) => (i < parts.length - 1 ? part.replace(/\.$/, '') : part)).join(': ');
}
