import type { CredentialRef } from '@netpulse/credentials';
import type { DriverRequest } from '@netpulse/drivers';
import type { DetachedAction } from '../detached/detached-action';

/** The request a worker runs, as sealed into the job record by the controller. */
export interface DeviceJobRequest {
  driver: string;
  connection_args: Record<string, unknown>;
  /** Where the device's secrets live; resolved by the worker just before it connects, never stored resolved. */
  credential?: CredentialRef | null;
  command: unknown;
  config: unknown;
  driver_args: Record<string, unknown> | null;
  file_transfer: Record<string, unknown> | null;
  rendering: Record<string, unknown> | null;
  parsing: Record<string, unknown> | null;
  webhook: Record<string, unknown> | null;
  /** Unknown top-level keys of the request (`save`, `enable_mode`, ...). */
  extras: Record<string, unknown>;
  queue_strategy: 'fifo' | 'pinned';
  /** Execution limit, seconds (already resolved from the request and config). */
  execution_timeout: number;
  detach: boolean;
  task_id: string | null;
  staged_file_id: string | null;
  /** Set on the controller's internal query/kill jobs of a detached task (absent on user jobs). */
  detached_action?: DetachedAction | null;
  /** The API request that created the job, so worker log lines can be joined to it. */
  request_id?: string | null;
  /** Name of the API key that submitted the job, for the audit entry of how it ended. */
  api_key_name?: string | null;
}

export function driverRequestOf(req: DeviceJobRequest): DriverRequest {
  return { connection_args: req.connection_args, driver_args: req.driver_args, extras: req.extras };
}

/** Query when `command` is set or a file transfer is asked; else config (no other heuristics). */
export function isQuery(req: DeviceJobRequest): boolean {
  return (req.command !== null && req.command !== undefined) || req.file_transfer !== null;
}

/** The payload as lines: a string is one line, a list stays a list, null is empty. */
export function payloadList(payload: unknown): string[] {
  if (payload === null || payload === undefined) return [];
  if (typeof payload === 'string') return [payload];
  if (Array.isArray(payload)) return payload.map(String);
  return [];
}
