import { AppConfig, ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies defaults and per-app defaults', () => {
    const config = loadConfig({}, { PORT: 3004 });
    expect(config).toBeInstanceOf(AppConfig);
    expect(config.PORT).toBe(3004);
    expect(config.PIPELINE_PREFIX).toBe('ap');
    expect(config.TIME_ZONE).toBe('UTC');
  });

  it('parses numbers from the environment', () => {
    expect(loadConfig({ CONSUMER_CONCURRENCY: '4', PORT: '8080' }).CONSUMER_CONCURRENCY).toBe(4);
  });

  it('names every invalid variable and the reason', () => {
    let error: unknown;
    try {
      loadConfig({ NATS_URL: 'http://x', PORT: 'abc', MAX_DELIVERIES: '1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('NATS_URL="http://x": NATS_URL must be one or more comma-separated nats:// URLs');
    expect(message).toContain('PORT=');
    expect(message).toContain('MAX_DELIVERIES=1');
  });

  it('masks the password of a URL it refuses (the message goes to the log)', () => {
    let message = '';
    try {
      loadConfig({ MONGO_URL: 'mongodb://admin:s3cret@db host/x', REDIS_URL: 'redis:/user:pw@cache', LLM_BASE_URL: 'htps://k:sk-live@llm', LLM_MODEL: 'm' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('MONGO_URL="mongodb://admin:***@db host/x": MONGO_URL must be a mongodb:// URL');
    expect(message).toContain('REDIS_URL="redis:/user:***@cache"');
    expect(message).toContain('LLM_BASE_URL="htps://k:***@llm"');
    expect(message).not.toMatch(/s3cret|pw@|sk-live/);
  });

  it('refuses one of LLM_BASE_URL and LLM_MODEL without the other, naming the missing one', () => {
    expect(() => loadConfig({ LLM_BASE_URL: 'http://localhost:11434/v1' })).toThrow(
      'LLM_MODEL: required when LLM_BASE_URL is set (the LLM is used only with both; unset LLM_BASE_URL to run without it)',
    );
    expect(() => loadConfig({ LLM_MODEL: 'llama3.1' })).toThrow('LLM_BASE_URL: required when LLM_MODEL is set');
    expect(loadConfig({ LLM_BASE_URL: 'http://localhost:11434/v1', LLM_MODEL: 'llama3.1' }).LLM_MODEL).toBe('llama3.1');
    expect(loadConfig({}).LLM_BASE_URL).toBeUndefined();
  });

  it('refuses an LLM_BASE_URL that is no URL at all, which every LLM call failed on ("Invalid URL") while the app ran', () => {
    for (const url of ['http://[::1', 'http://localhost:99999/v1', 'https://exa mple.com/v1']) {
      expect(() => loadConfig({ LLM_BASE_URL: url, LLM_MODEL: 'm' })).toThrow(`LLM_BASE_URL=${JSON.stringify(url)}: LLM_BASE_URL must be an http(s) URL of an OpenAI-compatible API`);
    }
    expect(loadConfig({ LLM_BASE_URL: 'http://[::1]:11434/v1', LLM_MODEL: 'm' }).LLM_BASE_URL).toBe('http://[::1]:11434/v1');
  });

  it('refuses an LLM_BASE_URL with a user or password, which fetch refuses on every call (quoting the password in the log)', () => {
    expect(() => loadConfig({ LLM_BASE_URL: 'https://bob:s3cret@llm.example/v1', LLM_MODEL: 'm' })).toThrow(
      'LLM_BASE_URL="https://bob:***@llm.example/v1": LLM_BASE_URL must hold no user or password (fetch refuses such a URL); put the key in OPENAI_API_KEY',
    );
  });

  it('refuses an OPENAI_API_KEY no server can take, saying why without showing it', () => {
    // Before: docker's --env-file keeps quotes as written (every call a 401), and a curly quote made
    // every call throw "Cannot convert argument to a ByteString", naming no setting.
    const refusal = (key: string) => {
      try {
        loadConfig({ LLM_BASE_URL: 'https://api.openai.com/v1', LLM_MODEL: 'gpt-4o-mini', OPENAI_API_KEY: key });
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(refusal('"sk-live-123"')).toBe('Invalid configuration:\n  OPENAI_API_KEY (not shown): is in quotes, which an env file keeps as written; remove them');
    expect(refusal('\u201csk-live-123\u201d')).toBe('Invalid configuration:\n  OPENAI_API_KEY (not shown): holds a character that is no printable ASCII at position 1 (a typographic quote or space?), which no HTTP header can carry');
    expect(refusal('sk-live 123')).toBe('Invalid configuration:\n  OPENAI_API_KEY (not shown): holds a blank at position 8');
    expect(refusal(' sk-live-123\n')).toBeUndefined();
    expect(refusal('sk-proj-Ab_9-xY')).toBeUndefined();
    // Unused with the LLM off: no reason to stop the apps.
    expect(loadConfig({ OPENAI_API_KEY: '"sk-live-123"' }).OPENAI_API_KEY).toBe('"sk-live-123"');
  });

  it('refuses an LLM_MODEL with blanks around it, which the server looked up as written and refused on every call', () => {
    expect(() => loadConfig({ LLM_BASE_URL: 'http://localhost:11434/v1', LLM_MODEL: 'llama3.1 ' })).toThrow('LLM_MODEL="llama3.1 ": LLM_MODEL must not start or end with blanks');
    expect(() => loadConfig({ LLM_BASE_URL: 'http://localhost:11434/v1', LLM_MODEL: '  ' })).toThrow('LLM_MODEL="  ": LLM_MODEL must not start or end with blanks');
    expect(loadConfig({ LLM_BASE_URL: 'http://localhost:11434/v1', LLM_MODEL: 'hf.co/org/My Model:Q4' }).LLM_MODEL).toBe('hf.co/org/My Model:Q4');
  });

  it('rejects a retry cap below the retry base, naming both', () => {
    expect(() => loadConfig({ RETRY_BASE_MS: '5000', RETRY_MAX_MS: '1000' })).toThrow('RETRY_MAX_MS=1000: RETRY_MAX_MS must be at least RETRY_BASE_MS (5000)');
    expect(loadConfig({ RETRY_BASE_MS: '5000', RETRY_MAX_MS: '5000' }).RETRY_MAX_MS).toBe(5000);
  });

  it('rejects a duplicate window shorter than the import sweeper\'s re-send delay', () => {
    expect(() => loadConfig({ DUPLICATE_WINDOW_SEC: '30' })).toThrow('DUPLICATE_WINDOW_SEC=30: DUPLICATE_WINDOW_SEC must be at least 120');
    expect(loadConfig({ DUPLICATE_WINDOW_SEC: '120' }).DUPLICATE_WINDOW_SEC).toBe(120);
  });

  it('names a value that is not a number as written, and only that it is not one', () => {
    // Before: RPC_TIMEOUT_MS=null: must not be greater than 120000; must not be less than 100; must be an integer number
    expect(() => loadConfig({ RPC_TIMEOUT_MS: 'abc' })).toThrow(/RPC_TIMEOUT_MS="abc": RPC_TIMEOUT_MS must be an integer number$/m);
    // The one fractional setting. Before: MODEL_CONFIDENCE_THRESHOLD must not be greater than 1; MODEL_CONFIDENCE_THRESHOLD must not be less than 0
    expect(() => loadConfig({ MODEL_CONFIDENCE_THRESHOLD: 'high' })).toThrow(/MODEL_CONFIDENCE_THRESHOLD="high": MODEL_CONFIDENCE_THRESHOLD must be a number$/m);
    expect(loadConfig({ MODEL_CONFIDENCE_THRESHOLD: '0.75' }).MODEL_CONFIDENCE_THRESHOLD).toBe(0.75);
  });

  it('refuses a number setting that is only blanks, which read as 0 (the LLM never asked, PORT any free port)', () => {
    expect(() => loadConfig({ MODEL_CONFIDENCE_THRESHOLD: ' ' })).toThrow(/MODEL_CONFIDENCE_THRESHOLD=" ": MODEL_CONFIDENCE_THRESHOLD must be a number$/m);
    expect(() => loadConfig({ LLM_MAX_RETRIES: '\t' })).toThrow(/LLM_MAX_RETRIES="\\t": LLM_MAX_RETRIES must be an integer number$/m);
    expect(() => loadConfig({ PORT: '  ' })).toThrow(/PORT="  ": PORT must be an integer number$/m);
    expect(loadConfig({ LLM_MAX_RETRIES: ' 3 ' }).LLM_MAX_RETRIES).toBe(3);
  });

  it("refuses a REDIS_PREFIX without its final ':', whose keys read aplb:…, aprl:…; an empty one is the default", () => {
    const message = 'REDIS_PREFIX must be 1-40 letters, digits, :, _ or -, ending with : (e.g. ap:), which sets its keys apart from others in the same Redis';
    expect(() => loadConfig({ REDIS_PREFIX: 'ap' })).toThrow(`REDIS_PREFIX="ap": ${message}`);
    expect(() => loadConfig({ REDIS_PREFIX: 'team-a:ap' })).toThrow(`REDIS_PREFIX="team-a:ap": ${message}`);
    expect(loadConfig({ REDIS_PREFIX: '' }).REDIS_PREFIX).toBe('ap:');
    expect(() => loadConfig({ REDIS_PREFIX: `${'a'.repeat(40)}:` })).toThrow(message);
    expect(loadConfig({ REDIS_PREFIX: 'team-a:ap:' }).REDIS_PREFIX).toBe('team-a:ap:');
    expect(loadConfig({}).REDIS_PREFIX).toBe('ap:');
  });

  it('rejects an unknown time zone by name', () => {
    expect(() => loadConfig({ TIME_ZONE: 'Mars/Olympus' })).toThrow('TIME_ZONE="Mars/Olympus": not an IANA time zone');
  });
});
