import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'nats';
import { outputFile, parseCommand, runCommand, UsageError } from '@lib/command-line';
import { AppConfig, cannotReach, commandLineEnv, FailFastConnect, loadConfig } from '@lib/config';
import { pipelineNames, RpcError } from '@lib/contracts';
import { ApiKeyRepository, MongoPersistenceModule } from '@lib/persistence';
import { createCommandLineContext } from '@lib/platform';
import { createApiKey, listApiKeys, NEW_ADMIN_KEY_COMMAND, validCreateApiKeyInput } from '../operations/api-keys.service';

// As a user runs it (README, "Other commands"): "api-key create …" was no command to type.
const USAGE = `usage:
  npm run apikey -- create --name NAME --scopes ingest,read,admin [--user USER_ID]
  npm run apikey -- ensure-dev --file PATH     (creates an admin key once and writes it to PATH)
  npm run apikey -- list
  npm run apikey -- revoke ID
MONGO_URL and NATS_URL, when unset: those of the stack npm start runs here.`;

/** The options each command takes; anything else is refused before a connection is made. */
const OPTIONS_BY_COMMAND: Record<string, string[]> = { create: ['name', 'scopes', 'user'], 'ensure-dev': ['file'], list: [], revoke: [] };

/** Manages API keys straight in Mongo (the first admin key cannot come from the API). */
/** The option that sets each field of POST /v1/api-keys' body. */
const OPTION_OF_FIELD: Record<string, 'name' | 'scopes' | 'user'> = { name: 'name', scopes: 'scopes', userId: 'user' };

/** The API's reason for a refused field, said of the option the user typed and with what it was given (`--scopes: … (got "nope")`). */
function optionReason(error: Error, values: { name?: string; scopes?: string; user?: string }): string {
  const field = error instanceof RpcError ? (error.details as { field?: unknown } | undefined)?.field : undefined;
  const option = typeof field === 'string' ? OPTION_OF_FIELD[field] : undefined;
  if (option === undefined) return error.message;
  const given = values[option];
  return `--${option}: ${error.message}${given === undefined ? '' : ` (got ${JSON.stringify(given)})`}`;
}

async function main(argv: string[]): Promise<void> {
  const { positionals, flags } = parseCommand(argv, { values: ['name', 'scopes', 'user', 'file'], positionals: { min: 1, max: 2, names: ['the command (create, ensure-dev, list or revoke)'] } }, USAGE);
  const values = Object.fromEntries(flags) as { name?: string; scopes?: string; user?: string; file?: string };
  const [command, ...rest] = positionals;
  const allowed = OPTIONS_BY_COMMAND[command];
  if (!allowed) throw new UsageError(`unknown command "${command}"\n${USAGE}`);
  const misplaced = Object.keys(values).filter((name) => !allowed.includes(name));
  if (misplaced.length > 0) throw new UsageError(`${misplaced.map((name) => `--${name}`).join(', ')}: not an option of ${command}\n${USAGE}`);
  if ((command === 'revoke') !== (rest.length === 1)) throw new UsageError(command === 'revoke' ? `revoke needs the key's id\n${USAGE}` : `unexpected argument "${rest[0]}"\n${USAGE}`);
  // The same check as POST /v1/api-keys, before anything is connected (a missing --name is refused as a missing name is there).
  const input =
    command === 'create'
      ? await validCreateApiKeyInput({ name: values.name, scopes: (values.scopes ?? '').split(',').filter(Boolean), ...(values.user !== undefined ? { userId: values.user } : {}) }).catch(
          (error: Error) => Promise.reject(new UsageError(optionReason(error, values))),
        )
      : undefined;
  if (command === 'ensure-dev' && !values.file) throw new UsageError('--file is required');
  // A directory or a path under a file was found only after connecting, as a bare EISDIR.
  const keyFile = command === 'ensure-dev' ? outputFile('--file', values.file!, 0o600) : undefined;

  const config = loadConfig(commandLineEnv(command === 'revoke' ? ['MONGO_URL', 'NATS_URL'] : ['MONGO_URL']));
  const app = await createCommandLineContext(config, { imports: [MongoPersistenceModule] });
  try {
    const keys = app.get(ApiKeyRepository);
    if (input) {
      process.stdout.write(`${JSON.stringify(await createApiKey(keys, input))}\n`);
    } else if (keyFile) {
      // The file alone is not proof: the database may be new (another MONGO_URL, wiped data).
      const written = readFileSync(keyFile, 'utf8').trim();
      if (written && (await keys.findActiveByKey(written))) return;
      const created = await keys.create('dev (local stack)', ['admin']);
      writeFileSync(keyFile, `${created.key}\n`, { mode: 0o600 });
    } else if (command === 'list') {
      process.stdout.write(`${JSON.stringify({ items: await listApiKeys(keys) }, null, 2)}\n`);
    } else {
      // Exit 1 when nothing was revoked, as the API answers 404: a script sees its mistake.
      const revoked = await keys.revoke(rest[0]);
      if (!revoked) throw new Error(`no active API key with id ${rest[0]}`);
      process.stdout.write(`revoked ${rest[0]}\n`);
      // The last admin key may go here, unlike through the API: this is the way back, and it says so.
      if (revoked.scopes.includes('admin') && (await keys.activeAdminIds()).length === 0) process.stderr.write(`no active admin key is left: create one with ${NEW_ADMIN_KEY_COMMAND}\n`);
      await announceRevocation(config, app.get(FailFastConnect), rest[0]);
    }
  } finally {
    await app.close();
  }
}

/** Tells every running gateway to drop its cached copy now (as a revocation through the API does). */
async function announceRevocation(config: AppConfig, failFast: FailFastConnect, keyId: string): Promise<void> {
  try {
    const nc = await connect({ servers: config.NATS_URL.split(','), name: 'api-key-cli', timeout: failFast.timeoutMs });
    nc.publish(pipelineNames(config.PIPELINE_PREFIX).subjects.apiKeyRevoked, keyId);
    await nc.drain();
  } catch (error) {
    process.stderr.write(`gateways not told (${cannotReach('NATS_URL', config.NATS_URL, error).message}): each drops its cached copy of the key within 10 s\n`);
  }
}

runCommand('apikey', () => main(process.argv.slice(2)));
