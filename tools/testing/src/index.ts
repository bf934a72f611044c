export { deleteNamespace } from './env/redis-namespace';
export { freePort, readTestEnv } from './env/test-env';
export type { TestEnv } from './env/test-env';
