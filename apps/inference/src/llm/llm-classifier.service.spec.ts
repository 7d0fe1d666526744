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
      LLM_BASE_URL: 'https://bob:s3cret@llm.example.com/v1?api-key=sk-1',
      LLM_MODEL: 'qwen2.5-7b-instruct',
      LLM_TIMEOUT_MS: '4000',
      LLM_CONCURRENCY: '2',
    });
    new LlmClassifier(config, new PipelineMetrics()).onModuleInit();
    expect(log.mock.calls).toEqual([[{
      msg: 'LLM enabled',
      model: 'qwen2.5-7b-instruct',
      baseUrl: 'https://***:***@llm.example.com/v1?api-key=***',
      timeoutMs: 4000,
      concurrency: 2,
      maxRetries: 2,
      waitMs: 5000,
      askedBelowConfidence: 0.6,
    }]]);
  });

  it('says the LLM is off when it is not configured', () => {
    new LlmClassifier(loadConfig({}), new PipelineMetrics()).onModuleInit();
    expect(log.mock.calls).toEqual([[{ msg: 'LLM off: the text model answers alone (set LLM_BASE_URL and LLM_MODEL to ask an LLM when it is unsure)' }]]);
  });
});
