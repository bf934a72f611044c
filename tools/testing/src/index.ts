export { deleteNamespace } from './env/redis-namespace';
export { freePort, readTestEnv, startSshd } from './env/test-env';
export type { TestEnv } from './env/test-env';
export { ApiClient } from './system/api-client';
export type { ApiResponse } from './system/api-client';
export { TestSystem } from './system/test-system';
export type { TestSystemOptions } from './system/test-system';
export { HostileInputGenerator } from './fuzz/hostile-input.generator';
export { prepare } from './env/test-env';
