import type { AppConfigValue } from './config.schema';

/** DI token for the process's validated config (Nest resolves by this class). */
export abstract class AppConfig {
  abstract readonly value: AppConfigValue;
}

export function appConfigProvider(value: AppConfigValue): { provide: typeof AppConfig; useValue: AppConfig } {
  return { provide: AppConfig, useValue: { value } };
}
