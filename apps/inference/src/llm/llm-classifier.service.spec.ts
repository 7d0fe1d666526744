import { Logger } from '@nestjs/common';
import { loadConfig } from '@lib/config';
import { PipelineMetrics } from '@lib/observability';
import { LlmClassifier } from './llm-classifier.service';

describe('LlmClassifier at boot', () => {
  let log: jest.SpyInstance;
  beforeEach(() => (log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined)));
  afterEach(() => log.mockRestore());

  it('says the LLM is enabled: its model, where the calls go (secrets masked) and the call limits', () => {
    const config = loadConfig({
      LLM_BASE_URL: 'https://llm.example.com/v1?api-key=sk-1',
      LLM_MODEL: 'qwen2.5-7b-instruct',
      LLM_TIMEOUT_MS: '4000',
      LLM_CONCURRENCY: '2',
    });
    new LlmClassifier(config, new PipelineMetrics()).onModuleInit();
    expect(log.mock.calls).toEqual([[{
      msg: 'LLM enabled',
      model: 'qwen2.5-7b-instruct',
      baseUrl: 'https://llm.example.com/v1?api-key=***',
      timeoutMs: 4000,
      concurrency: 2,
      maxRetries: 2,
      waitMs: 5000,
      askedBelowConfidence: 0.6,
    }]]);
  });

  it('warns about an LLM that is never asked (threshold 0) and about OpenAI without a key', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      new LlmClassifier(loadConfig({ LLM_BASE_URL: 'https://api.openai.com/v1', LLM_MODEL: 'gpt-4o-mini', MODEL_CONFIDENCE_THRESHOLD: '0' }), new PipelineMetrics()).onModuleInit();
      expect(warn.mock.calls.map(([line]) => (line as { msg: string }).msg)).toEqual([
        'the LLM is configured but never asked: MODEL_CONFIDENCE_THRESHOLD=0 means the model is always sure enough (raise it, e.g. 0.6, or unset LLM_BASE_URL)',
        'LLM_BASE_URL is OpenAI but OPENAI_API_KEY is not set: every call will be refused (401)',
      ]);
      warn.mockClear();
      new LlmClassifier(loadConfig({ LLM_BASE_URL: 'https://api.openai.com/v1', LLM_MODEL: 'gpt-4o-mini', OPENAI_API_KEY: 'sk-test' }), new PipelineMetrics()).onModuleInit();
      new LlmClassifier(loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:1234/v1', LLM_MODEL: 'qwen' }), new PipelineMetrics()).onModuleInit();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('says the LLM is off when it is not configured', () => {
    new LlmClassifier(loadConfig({}), new PipelineMetrics()).onModuleInit();
    expect(log.mock.calls).toEqual([[{ msg: 'LLM off: the text model answers alone (set LLM_BASE_URL and LLM_MODEL to ask an LLM when it is unsure)' }]]);
  });
});
