import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigModule, loadConfig } from '@lib/config';
import { ObservabilityModule } from '@lib/observability';
import { API_KEY_SCOPES, ApiKeyRepository, ApiKeyScope, MongoPersistenceModule } from '@lib/persistence';

const USAGE = `usage:
  api-key create --name NAME --scopes ingest,read,admin [--user USER_ID]
  api-key ensure-dev --file PATH     (creates an admin key once and writes it to PATH)
  api-key list
  api-key revoke ID`;

/** Manages API keys straight in Mongo (the first admin key cannot come from the API). */
async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const flag = (name: string) => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  if (!command || !['create', 'ensure-dev', 'list', 'revoke'].includes(command)) throw new Error(USAGE);

  @Module({ imports: [ConfigModule.forRoot(loadConfig()), ObservabilityModule.forApp([]), MongoPersistenceModule] })
  class ApiKeyCliModule {}
  const app = await NestFactory.createApplicationContext(ApiKeyCliModule, { logger: ['error'] });
  try {
    const keys = app.get(ApiKeyRepository);
    if (command === 'create') {
      const scopes = (flag('scopes') ?? '').split(',').filter(Boolean) as ApiKeyScope[];
      const bad = scopes.filter((s) => !API_KEY_SCOPES.includes(s));
      if (scopes.length === 0 || bad.length) throw new Error(`--scopes must list some of ${API_KEY_SCOPES.join(', ')}${bad.length ? ` (unknown: ${bad.join(', ')})` : ''}`);
      const created = await keys.create(flag('name') ?? 'cli', scopes, flag('user'));
      process.stdout.write(`${JSON.stringify(created)}\n`);
    } else if (command === 'ensure-dev') {
      const file = flag('file');
      if (!file) throw new Error('--file is required');
      // The file alone is not proof: the database may be new (another MONGO_URL, wiped data).
      if (existsSync(file) && (await keys.findActiveByKey(readFileSync(file, 'utf8').trim()))) return;
      const created = await keys.create('dev (local stack)', ['admin']);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${created.key}\n`, { mode: 0o600 });
    } else if (command === 'list') {
      process.stdout.write(`${JSON.stringify(await keys.list(), null, 2)}\n`);
    } else {
      if (!rest[0]) throw new Error(USAGE);
      process.stdout.write((await keys.revoke(rest[0])) ? `revoked ${rest[0]}\n` : `no active key ${rest[0]}\n`);
    }
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
