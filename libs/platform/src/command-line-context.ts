import { ConsoleLogger, INestApplicationContext, LogLevel, ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, ConfigModule } from '@lib/config';
import { ObservabilityModule } from '@lib/observability';

class CommandLineModule {}

/**
 * The Nest context of a command-line tool over `imports` and `providers`: its connections fail
 * fast (ConfigModule.forCommandLine), and nothing is logged while it starts, so an unreachable
 * server is the one line of the error this throws rather than Nest's retries and stack traces.
 * Afterwards `logLevels` are printed.
 */
export async function createCommandLineContext(
  config: AppConfig,
  { imports = [], providers = [] }: Pick<ModuleMetadata, 'imports' | 'providers'>,
  logLevels: LogLevel[] = ['error'],
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(
    { module: CommandLineModule, imports: [ConfigModule.forCommandLine(config), ObservabilityModule.forApp([]), ...imports], providers },
    { logger: false, abortOnError: false },
  );
  app.useLogger(new ConsoleLogger({ logLevels }));
  return app;
}
