export { DeviceJobProcessor } from './jobs/device-job.processor';
export { driverRequestOf, isQuery, payloadList } from './jobs/device-job.request';
export type { DeviceJobRequest } from './jobs/device-job.request';
export { JobFailure, JobRunner } from './jobs/job.runner';
export type { InterruptReason, RunOutcome } from './jobs/job.runner';
export { FreshSessionSource } from './sessions/session.source';
export type { AcquiredSession, SessionSource } from './sessions/session.source';
