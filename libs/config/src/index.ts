export { AppConfig, appConfigProvider } from './app-config';
export { ConfigError, appConfig, loadConfig, resetConfigForTests } from './config.loader';
export type { LoadConfigOptions } from './config.loader';
export { defaultConfig, parseHostPort } from './config.schema';
export type { AppConfigShape, AppConfigValue } from './config.schema';
export { ConfigModule } from './config.module';
export { API_ROLES, parseApiKeys, readApiKeysFile, roleAllows } from './api-keys.schema';
export type { ApiKeyEntry, ApiRole } from './api-keys.schema';
export { DEV_SECRET_KEY_FILE, readOrCreateKeyFile } from './secret-key.file';
