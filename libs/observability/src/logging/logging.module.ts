import { AppConfig } from '@netpulse/config';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppLogger } from './app.logger';
import { RequestIdMiddleware } from './request-id.middleware';

/** Provides the app's structured logger, named after the process role, and the request-id middleware. */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(app: string): DynamicModule {
    return {
      module: LoggingModule,
      providers: [{ provide: AppLogger, inject: [AppConfig], useFactory: (c: AppConfig) => new AppLogger(app, c.value.log.level) }, RequestIdMiddleware],
      exports: [AppLogger, RequestIdMiddleware],
    };
  }
}
