import type { JsonSchema } from './openapi.types';
import { datetime, int, list, num, object, orNull, ref, str } from './response.schemas';

const TASK_STATUS: JsonSchema = { type: 'string', enum: ['launching', 'running', 'completed'] };

/** Detached (background) tasks of the paramiko driver. */
export const DETACHED_TASK_SCHEMAS: Record<string, JsonSchema> = {
  DetachedTaskInResponse: {
    type: 'object',
    additionalProperties: true,
    description: 'A registry entry. `connection_args` has every secret-bearing key masked.',
    required: ['task_id', 'status'],
    properties: {
      task_id: str('First 12 characters of a uuid4 (contains a hyphen).'),
      status: TASK_STATUS,
      host: str(),
      driver: str(),
      worker_id: orNull(str()),
      push_interval: orNull(int()),
      webhook: orNull(ref('WebHook')),
      connection_args: { type: 'object', additionalProperties: true },
      command: orNull(list(str())),
      last_sync: orNull(datetime()),
      created_at: orNull(datetime()),
    },
  },
  DetachedTaskQueryResponse: object<{ result: unknown[]; status: string; task_id: string }>('New log output since `offset` (or the stored offset).', {
    task_id: str(),
    status: { type: 'string', enum: ['running', 'completed'] },
    result: list(ref('DriverExecutionResult'), 'One `query` result; `metadata` has `next_offset`, `is_running`, `completed`, `pid`.'),
  }),
  DetachedTaskKillResponse: object<{ status: string; task_id: string }>('The task was killed and its files removed.', {
    status: { type: 'string', const: 'killed' },
    task_id: str(),
  }),
  DetachedTaskClearResponse: object<{ count: number; status: string }>('The registry was emptied (no remote kill).', {
    status: { type: 'string', const: 'cleared' },
    count: int(),
  }),
  DetachedTaskOnHost: {
    type: 'object',
    additionalProperties: true,
    description: 'A task process found alive on the host.',
    properties: { task_id: str(), command: str(), pid: num(), status: { type: 'string', const: 'running' }, pid_file: str(), meta_file: str(), log_file: str(), age_file: str() },
  },
  DetachedTaskDiscoveryResponse: object<{ discovered: number; synced_off: number; tasks: unknown[] }>('Tasks alive on the host; registry tasks not found there are marked completed.', {
    discovered: int(),
    synced_off: int('Registry tasks set to `completed` because their process is gone.'),
    tasks: list(ref('DetachedTaskOnHost')),
  }),
};
