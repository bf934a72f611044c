import { AppConfig } from '@netpulse/config';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppLogger } from './app.logger';

/** Provides the app's structured logger, named after the process role. */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(app: string): DynamicModule {
    return {
      module: LoggingModule,
      providers: [{ provide: AppLogger, inject: [AppConfig], useFactory: (c: AppConfig) => new AppLogger(app, c.value.log.level) }],
      exports: [AppLogger],
    };
  }
}
