import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';
import { FailFastConnect } from './fail-fast-connect';

/** Makes the validated AppConfig injectable everywhere by its class. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
  }

  /** forRoot for a command-line tool: its connections fail fast (FailFastConnect) where an app's wait. */
  static forCommandLine(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: AppConfig, useValue: config }, FailFastConnect], exports: [AppConfig, FailFastConnect] };
  }
}
