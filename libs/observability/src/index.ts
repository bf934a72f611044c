export { AppLogger, forgetSecretValue, redactText, registerSecretValue } from './logging/app.logger';
