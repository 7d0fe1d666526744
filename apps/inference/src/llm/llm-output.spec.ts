import { baseUrlForLog, errorReason, idsByPath, parseCompletion, parseLlmAnswer, sdkBaseUrl, statusHint, withoutApiKey } from './llm-output';

describe('parseLlmAnswer', () => {
  const allowed = new Set(['work', 'work:programming']);

  it('accepts a JSON object with an allowed id and a confidence in [0, 1]', () => {
    expect(parseLlmAnswer('{"categoryId":"work:programming","confidence":0.82}', allowed)).toEqual({ categoryId: 'work:programming', confidence: 0.82 });
    expect(parseLlmAnswer(' {"categoryId":"work","confidence":0} ', allowed)).toEqual({ categoryId: 'work', confidence: 0 });
    expect(parseLlmAnswer('{"categoryId":"work","confidence":1,"why":"x"}', allowed)).toEqual({ categoryId: 'work', confidence: 1 });
  });

  it('looks past what real LLMs wrap around the answer: a code fence, a sentence, another letter case, a trailing period', () => {
    const answer = { categoryId: 'work:programming', confidence: 0.9 };
    expect(parseLlmAnswer('```json\n{"categoryId":"work:programming","confidence":0.9}\n```', allowed)).toEqual(answer);
    expect(parseLlmAnswer('Sure! Here is the classification: {"categoryId": "work:programming", "confidence": 0.9}. Hope it helps.', allowed)).toEqual(answer);
    expect(parseLlmAnswer('{"categoryId":"Work:Programming","confidence":0.9}', allowed)).toEqual(answer);
    expect(parseLlmAnswer('{"categoryId":"work:programming.","confidence":0.9}', allowed)).toEqual(answer);
  });

  it.each([
    ['"0.9"', 0.9],
    ['" 0.75 "', 0.75],
    ['"1"', 1],
    ['90', 0.9],
    ['"90"', 0.9],
    ['"90%"', 0.9],
    ['"0.5%"', 0.005],
    ['100', 1],
    ['1', 1],
  ])('reads the confidence %s as %d: a numeric text, a percentage above 1', (confidence, expected) => {
    expect(parseLlmAnswer(`{"categoryId":"work","confidence":${confidence}}`, allowed)).toEqual({ categoryId: 'work', confidence: expected });
  });

  it('reads the answer after the reasoning a thinking model writes first (<think>…</think>), braces in it included', () => {
    const reasoning = '<think>\nVS Code with a .ts file. Maybe {"categoryId":"work"}? No: {"categoryId":"work:programming"} is more precise.\n</think>\n\n';
    expect(parseLlmAnswer(`${reasoning}{"categoryId":"work:programming","confidence":0.9}`, allowed)).toEqual({ categoryId: 'work:programming', confidence: 0.9 });
    expect(parseLlmAnswer('<think>cut short while drafting {"categoryId":"work","confidence":0.5}', allowed)).toEqual({ invalid: 'reply holds only reasoning (<think> without </think>)' });
  });

  it('reads the id under category_id, as small local models write it, and says which keys a reply without one had', () => {
    // Before: `categoryId undefined is not one of the allowed ids` for both.
    expect(parseLlmAnswer('{"category_id":"work:programming","confidence":0.9}', allowed)).toEqual({ categoryId: 'work:programming', confidence: 0.9 });
    expect(parseLlmAnswer('{"category":"work","score":0.9}', allowed)).toEqual({ invalid: 'reply has no categoryId (its keys: "category", "score")' });
  });

  it('reads a category written as its path from the prompt (Work / Programming) as its id, when one category has that path', () => {
    const byPath = idsByPath([{ id: 'work', path: 'Work' }, { id: 'work:programming', path: 'Work / Programming' }, { id: 'a', path: 'Same' }, { id: 'b', path: 'Same' }]);
    // Before: `categoryId "Work / Programming" is not one of the allowed ids`.
    expect(parseLlmAnswer('{"categoryId":"Work / Programming","confidence":0.8}', allowed, byPath)).toEqual({ categoryId: 'work:programming', confidence: 0.8 });
    expect(parseLlmAnswer('{"categoryId":"work > programming.","confidence":0.8}', allowed, byPath)).toEqual({ categoryId: 'work:programming', confidence: 0.8 });
    expect(parseLlmAnswer('{"categoryId":"Same","confidence":0.8}', new Set(['a', 'b']), byPath)).toEqual({ invalid: 'categoryId "Same" is not one of the allowed ids' });
  });

  it('does not guess between allowed ids that differ only in letter case', () => {
    expect(parseLlmAnswer('{"categoryId":"WORK","confidence":0.9}', new Set(['work', 'Work']))).toEqual({ invalid: 'categoryId "WORK" is not one of the allowed ids' });
    expect(parseLlmAnswer('{"categoryId":"Work","confidence":0.9}', new Set(['work', 'Work']))).toEqual({ categoryId: 'Work', confidence: 0.9 });
  });

  it.each([
    [null, 'empty reply'],
    ['', 'empty reply'],
    ['work:programming', 'reply is not JSON'],
    ['Either {"categoryId":"work","confidence":0.9} or {"categoryId":"work:programming","confidence":0.9}', 'reply is not JSON'],
    ['I would say work:programming {confidence: 0.9}', 'reply is not JSON'],
    ['{"categoryId":"work:programming:rust","confidence":0.9}', 'categoryId "work:programming:rust" is not one of the allowed ids'],
    ['{"categoryId":"Games.","confidence":0.9}', 'categoryId "Games." is not one of the allowed ids'],
    ['["work", 0.9]', 'reply is not a JSON object'],
    ['null', 'reply is not a JSON object'],
    ['{"categoryId":"games","confidence":0.9}', 'categoryId "games" is not one of the allowed ids'],
    ['{"confidence":0.9}', 'reply has no categoryId (its keys: "confidence")'],
    ['{"categoryId":"work","confidence":"high"}', 'confidence "high" is not a number'],
    ['{"categoryId":"work","confidence":""}', 'confidence "" is not a number'],
    ['{"categoryId":"work","confidence":"0.9 or so"}', 'confidence "0.9 or so" is not a number'],
    ['{"categoryId":"work","confidence":true}', 'confidence true is not a number'],
    ['{"categoryId":"work","confidence":120}', 'confidence 120 is above 100 %: neither a fraction in [0, 1] nor a percentage'],
    ['{"categoryId":"work","confidence":"101%"}', 'confidence "101%" is above 100 %: neither a fraction in [0, 1] nor a percentage'],
    ['{"categoryId":"work","confidence":-0.1}', 'confidence -0.1 is negative'],
    ['{"categoryId":"work","confidence":"-5"}', 'confidence "-5" is negative'],
    ['{"categoryId":"work"}', 'confidence undefined is not a number'],
  ])('rejects %j (%s)', (content, reason) => {
    expect(parseLlmAnswer(content, allowed)).toEqual({ invalid: reason });
  });
});

describe('withoutApiKey', () => {
  it('replaces every occurrence of the key, and leaves the text alone without one', () => {
    expect(withoutApiKey('401 Incorrect API key provided: Bearer sk-abc (sk-abc)', 'sk-abc')).toBe('401 Incorrect API key provided: Bearer [OPENAI_API_KEY] ([OPENAI_API_KEY])');
    expect(withoutApiKey('500 boom', undefined)).toBe('500 boom');
  });
});

describe('parseCompletion', () => {
  const allowed = new Set(['work', 'work:programming']);
  const completion = (content: unknown, finishReason = 'stop') => ({ choices: [{ index: 0, finish_reason: finishReason, message: { role: 'assistant', content } }] });

  it('answers from the first choice', () => {
    expect(parseCompletion(completion('{"categoryId":"work","confidence":0.7}'), allowed)).toEqual({ categoryId: 'work', confidence: 0.7 });
  });

  it.each([
    ['an HTML page (LLM_BASE_URL not the API base)', '<html><body>Open WebUI</body></html>', 'reply is not a chat completion (is LLM_BASE_URL the API\'s base, e.g. http://host:port/v1?): "<html><body>Open WebUI</body></html>"'],
    ['a stream the client did not ask for', 'data: {"choices":[{"delta":{"content":"{"}}]}\n\ndata: [DONE]\n\n', 'reply is not a chat completion (is LLM_BASE_URL the API\'s base, e.g. http://host:port/v1?): "data: {\\"choices\\":[{\\"delta\\":{\\"content\\":\\"{\\"}}]}\\n\\ndata: [DONE]\\n\\n"'],
    ['JSON that is no completion', { error: 'model not loaded' }, 'reply is not a chat completion (is LLM_BASE_URL the API\'s base, e.g. http://host:port/v1?): "{\\"error\\":\\"model not loaded\\"}"'],
    ['no choices', { choices: [] }, 'reply has no choices'],
    ['a reply cut at the token limit', completion('{"categoryId":"work","conf', 'length'), 'reply is not JSON: cut at the token limit (LLM_MAX_TOKENS) (finish_reason "length")'],
    ['no content', completion(null), 'empty reply'],
    // OpenAI's structured refusal: before, "empty reply".
    ['a refusal', { choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: null, refusal: "I'm sorry, I can't help with that." } }] }, 'the model refused: "I\'m sorry, I can\'t help with that."'],
    ['a reply stopped by the content filter', completion(null, 'content_filter'), 'empty reply: stopped by the content filter (finish_reason "content_filter")'],
  ])('refuses %s, saying so', (_, reply, reason) => {
    expect(parseCompletion(reply, allowed)).toEqual({ invalid: reason });
  });

  it('shows at most 100 characters of a body that is no completion', () => {
    const reason = (parseCompletion('x'.repeat(5_000), allowed) as { invalid: string }).invalid;
    expect(reason).toMatch(/: "x{100}…"$/);
  });
});

describe('baseUrlForLog', () => {
  it('keeps where the calls go and masks a user, a password and query values', () => {
    expect(baseUrlForLog('http://localhost:1234/v1')).toBe('http://localhost:1234/v1');
    expect(baseUrlForLog('https://bob:s3cret@llm.example.com/openai/v1?api-key=sk-1&api-version=2024')).toBe('https://***:***@llm.example.com/openai/v1?api-key=***&api-version=***');
  });
});

describe('errorReason', () => {
  it('adds the causes the SDK keeps out of its message, once each', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:1234'), { code: 'ECONNREFUSED' });
    expect(errorReason(new Error('Connection error.', { cause: new TypeError('fetch failed', { cause: refused }) }))).toBe('Connection error: fetch failed: connect ECONNREFUSED 10.0.0.5:1234');
    // Node's dual-stack connect fails with an AggregateError without a message.
    expect(errorReason(new Error('Connection error.', { cause: Object.assign(new AggregateError([], ''), { code: 'ECONNREFUSED' }) }))).toBe('Connection error: ECONNREFUSED');
    expect(errorReason(new Error('500 boom'))).toBe('500 boom');
    expect(errorReason('plain')).toBe('plain');
  });
});

describe('statusHint', () => {
  it('names the setting to check for a refusal on every call: the address and model on a 404, the key on a 401 or 403', () => {
    expect(statusHint(404, 'llama3.1', true)).toBe(' (is LLM_BASE_URL the API\'s base, e.g. http://host:port/v1, and LLM_MODEL "llama3.1" a model it serves?)');
    // Before: "401 status code (no body)", naming no setting.
    expect(statusHint(401, 'gpt-4o-mini', false)).toBe(' (OPENAI_API_KEY is not set: set it to a key LLM_BASE_URL accepts)');
    expect(statusHint(401, 'gpt-4o-mini', true)).toBe(' (is OPENAI_API_KEY a key LLM_BASE_URL accepts?)');
    expect(statusHint(403, 'gpt-4o-mini', true)).toBe(' (may OPENAI_API_KEY use LLM_MODEL "gpt-4o-mini" at LLM_BASE_URL?)');
    expect(statusHint(403, 'gpt-4o-mini', false)).toBe(' (OPENAI_API_KEY is not set: set it to a key LLM_BASE_URL accepts)');
  });

  it('adds nothing to a refusal that is no setting\'s fault', () => {
    for (const status of [undefined, 400, 429, 500, 503]) expect(statusHint(status, 'm', true)).toBe('');
  });
});

describe('sdkBaseUrl', () => {
  it('moves the query string of LLM_BASE_URL to the parameters of every request', () => {
    expect(sdkBaseUrl('https://gw.example/openai/v1?api-version=2024-06-01&api-key=k')).toEqual({ baseURL: 'https://gw.example/openai/v1', defaultQuery: { 'api-version': '2024-06-01', 'api-key': 'k' } });
    expect(sdkBaseUrl('http://localhost:11434/v1')).toEqual({ baseURL: 'http://localhost:11434/v1' });
  });
});
