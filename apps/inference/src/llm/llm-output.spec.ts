import { parseLlmAnswer, withoutApiKey } from './llm-output';

describe('parseLlmAnswer', () => {
  const allowed = new Set(['work', 'work:programming']);

  it('accepts a JSON object with an allowed id and a confidence in [0, 1]', () => {
    expect(parseLlmAnswer('{"categoryId":"work:programming","confidence":0.82}', allowed)).toEqual({ categoryId: 'work:programming', confidence: 0.82 });
    expect(parseLlmAnswer(' {"categoryId":"work","confidence":0} ', allowed)).toEqual({ categoryId: 'work', confidence: 0 });
    expect(parseLlmAnswer('{"categoryId":"work","confidence":1,"why":"x"}', allowed)).toEqual({ categoryId: 'work', confidence: 1 });
  });

  it.each([
    [null, 'empty reply'],
    ['', 'empty reply'],
    ['work:programming', 'reply is not JSON'],
    ['```json\n{"categoryId":"work","confidence":0.9}\n```', 'reply is not JSON'],
    ['["work", 0.9]', 'reply is not a JSON object'],
    ['null', 'reply is not a JSON object'],
    ['{"categoryId":"games","confidence":0.9}', 'categoryId "games" is not one of the allowed ids'],
    ['{"confidence":0.9}', 'categoryId undefined is not one of the allowed ids'],
    ['{"categoryId":"work","confidence":"0.9"}', 'confidence "0.9" is not a number in [0, 1]'],
    ['{"categoryId":"work","confidence":1.2}', 'confidence 1.2 is not a number in [0, 1]'],
    ['{"categoryId":"work","confidence":-0.1}', 'confidence -0.1 is not a number in [0, 1]'],
    ['{"categoryId":"work"}', 'confidence undefined is not a number in [0, 1]'],
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
