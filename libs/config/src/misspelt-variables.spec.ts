import { misspeltVariables, misspeltVariableWarning } from './misspelt-variables';

describe('misspeltVariables', () => {
  it('finds a setting written with a typo or in another case, naming the setting meant', () => {
    const env = { MONGO_URI: 'mongodb://db', CONSUMER_CONCURENCY: '4', log_level: 'debug', TIMEZONE: 'Europe/Berlin', RETRY_MAX_SM: '100', LLM_MODLE: 'x' };
    expect(misspeltVariables(env)).toEqual([
      { variable: 'MONGO_URI', meant: 'MONGO_URL' },
      { variable: 'CONSUMER_CONCURENCY', meant: 'CONSUMER_CONCURRENCY' },
      { variable: 'log_level', meant: 'LOG_LEVEL' },
      { variable: 'TIMEZONE', meant: 'TIME_ZONE' },
      { variable: 'RETRY_MAX_SM', meant: 'RETRY_MAX_MS' },
      { variable: 'LLM_MODLE', meant: 'LLM_MODEL' },
    ]);
    expect(misspeltVariableWarning({ variable: 'MONGO_URI', meant: 'MONGO_URL' })).toBe('MONGO_URI is not a setting (ignored): did you mean MONGO_URL?');
  });

  it("leaves settings, the commands' own variables and a shell's or a container's usual ones alone", () => {
    const usual = [
      'PATH', 'HOME', 'HOSTNAME', 'USER', 'SHELL', 'TERM', 'LANG', 'LC_ALL', 'PWD', 'OLDPWD', 'TZ', 'TMPDIR', 'NODE_ENV', 'NODE_OPTIONS', 'NODE_PATH',
      'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'INIT_CWD', 'SHLVL', 'DEBUG', 'CI', 'COLOR', 'EDITOR', 'npm_config_cache', 'npm_lifecycle_event', 'npm_package_name',
      'KUBERNETES_SERVICE_HOST', 'KUBERNETES_SERVICE_PORT', 'REDIS_PORT', 'NATS_PORT', 'MONGO_PORT', 'MALLOC_MMAP_THRESHOLD_', 'YARN_VERSION', 'NODE_VERSION',
      'OPENAI_ORG_ID', 'OPENAI_PROJECT_ID', 'OPENAI_BASE_URL', 'JEST_WORKER_ID', 'TEST_LOG_LEVEL',
      'NATS_URL', 'MONGO_URL', 'PORT', 'HOST', 'AW_PORT', 'GATEWAY_URL', 'AP_API_KEY', 'APP_NODE_OPTIONS', 'FERRETDB_BIN',
    ];
    expect(misspeltVariables(Object.fromEntries(usual.map((name) => [name, 'x'])))).toEqual([]);
  });
});
