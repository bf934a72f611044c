export { AppProcess } from './app-process';
export type { AppProcessOptions, AppRole } from './app-process';
export { humanLine } from './line-format';
export { aptInstall, commandExists, ensureLocalRedis, redisAnswers } from './redis-probe';
export { Supervisor } from './supervisor';
export { workspaceRoot } from './workspace-root';
