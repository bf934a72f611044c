import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, appConfigProvider } from './app-config';
import type { AppConfigValue } from './config.schema';

/** Provides the validated config (read once by the app's main) to every module. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(value: AppConfigValue): DynamicModule {
    return { module: ConfigModule, providers: [appConfigProvider(value)], exports: [AppConfig] };
  }
}
