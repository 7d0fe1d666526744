import { answerKey, answersItsQuestion, normalizeQuestion, questionProblem, sortQuestions } from './answer-key';

describe('answerKey', () => {
  it('gives spellings the rules cannot tell apart one key', () => {
    const key = answerKey({ app: 'Code.exe', title: '  Main.ts  —  API ', url: 'https://www.Example.com/Docs?q=1#top' });
    expect(answerKey({ app: 'code', title: 'main.ts — api', url: 'example.com/docs' })).toBe(key);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tells different questions apart, field by field', () => {
    const keys = new Set([
      answerKey({ app: 'slack' }),
      answerKey({ app: 'slack', title: 'general' }),
      answerKey({ app: 'slack', url: 'general.com' }),
      answerKey({ app: 'slack', url: 'https://slack.com/general' }),
      answerKey({ app: 'slack', url: 'https://slack.com/random' }),
      answerKey({ app: 'slack general' }),
    ]);
    expect(keys.size).toBe(6);
  });

  it('treats an absent title or url like an empty one and a hostless url like none', () => {
    expect(answerKey({ app: 'x', title: '', url: '' })).toBe(answerKey({ app: 'x' }));
    expect(answerKey({ app: 'x', url: 'about:blank' })).toBe(answerKey({ app: 'x' }));
  });

  it('keeps the normalized question as plain values', () => {
    expect(normalizeQuestion({ app: 'Firefox.app', title: 'Pull  Requests', url: 'https://github.com/Pulls' })).toEqual({
      app: 'firefox',
      host: 'github.com',
      path: '/pulls',
      title: 'pull requests',
    });
  });
});

describe('questionProblem', () => {
  it('names the first bad field', () => {
    expect(questionProblem({ app: 'x', title: 't', url: 'u' })).toBeNull();
    expect(questionProblem('x')).toEqual({ field: '', reason: 'must be an object with app, title and url' });
    expect(questionProblem({ title: 't' })).toEqual({ field: 'app', reason: 'must be a non-empty string' });
    expect(questionProblem({ app: 'x', title: 5 })).toEqual({ field: 'title', reason: 'must be a string' });
    expect(questionProblem({ app: 'x', url: 'u'.repeat(4097) })).toEqual({ field: 'url', reason: 'must be at most 4096 characters' });
  });

  it('refuses fields it does not know instead of answering another question', () => {
    expect(questionProblem({ app: 'chrome', URL: 'https://github.com' })).toEqual({ field: 'URL', reason: 'is not a known field (known: app, title, url)' });
    expect(questionProblem({ app: 'chrome', categoryId: 'work' })?.field).toBe('categoryId');
    expect(questionProblem({ app: 'chrome', url: 'https://github.com', categoryId: 'work' }, ['categoryId'])).toBeNull();
  });
});

describe('answersItsQuestion', () => {
  const given = (categoryId: string, source: string, rulesetVersion: number) => ({ categoryId, source, rulesetVersion });

  it('takes every category from a person, and every real one from a model or an LLM, of any ruleset version', () => {
    expect(answersItsQuestion(given('work:programming', 'llm', 1), 7)).toBe(true);
    expect(answersItsQuestion(given('work:programming', 'model', 1), 7)).toBe(true);
    expect(answersItsQuestion(given('uncategorized', 'manual', 1), 7)).toBe(true);
  });

  it("takes a model's or an LLM's fallback only if given since the last change to the categories", () => {
    for (const source of ['llm', 'model']) {
      expect(answersItsQuestion(given('uncategorized', source, 7), 7)).toBe(true);
      expect(answersItsQuestion(given('uncategorized', source, 9), 7)).toBe(true);
      expect(answersItsQuestion(given('uncategorized', source, 6), 7)).toBe(false);
    }
  });
});

describe('sortQuestions', () => {
  it('answers the valid items by index and names index, field and reason of each refused one', () => {
    expect(sortQuestions([{ title: 't' }, { app: 'code' }, 7, { app: 'x', URL: 'u' }])).toEqual({
      questions: [{ index: 1, question: { app: 'code' } }],
      rejected: [
        { index: 0, field: 'app', reason: 'must be a non-empty string' },
        { index: 2, field: '(item)', reason: 'must be an object with app, title and url' },
        { index: 3, field: 'URL', reason: 'is not a known field (known: app, title, url)' },
      ],
    });
  });
});
