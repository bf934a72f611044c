export { AppLogger, forgetSecretValue, redactText, registerSecretValue } from './logging/app.logger';
export { LoggingModule } from './logging/logging.module';
