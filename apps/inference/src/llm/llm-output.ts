export interface LlmAnswer {
  categoryId: string;
  confidence: number;
}

/**
 * Strict check of the model's reply: a JSON object whose `categoryId` is one of the allowed ids
 * and whose `confidence` is a number in [0, 1]. Returns the answer, or why it is unusable.
 */
export function parseLlmAnswer(content: string | null | undefined, allowedIds: ReadonlySet<string>): LlmAnswer | { invalid: string } {
  if (typeof content !== 'string' || content.trim() === '') return { invalid: 'empty reply' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return { invalid: 'reply is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { invalid: 'reply is not a JSON object' };
  const { categoryId, confidence } = parsed as Record<string, unknown>;
  if (typeof categoryId !== 'string' || !allowedIds.has(categoryId)) return { invalid: `categoryId ${JSON.stringify(categoryId)} is not one of the allowed ids` };
  if (typeof confidence !== 'number' || !Number.isFinite(confidence) || confidence < 0 || confidence > 1) {
    return { invalid: `confidence ${JSON.stringify(confidence)} is not a number in [0, 1]` };
  }
  return { categoryId, confidence };
}

/**
 * `text` (an error the LLM server sent, which we log) without the API key in it: some servers and
 * proxies quote the Authorization header back ("Incorrect API key provided: Bearer sk-…").
 */
export function withoutApiKey(text: string, apiKey: string | undefined): string {
  return apiKey ? text.split(apiKey).join('[OPENAI_API_KEY]') : text;
}
