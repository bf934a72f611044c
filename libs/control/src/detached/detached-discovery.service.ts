import { Injectable } from '@nestjs/common';
import { ApiError, ConnectionTestDto, validateDto } from '@netpulse/contracts';
import { redactText } from '@netpulse/observability';
import { CredentialResolver } from '@netpulse/credentials';
import type { DetachedTaskInfo } from '@netpulse/drivers';
import { DetachedTaskStore } from '@netpulse/state';
import { checkCredential } from '../admission/credential.request';
import { DetachedJobClient } from './detached-job.client';

/** As in NetPulse 0.4, a discovery waits up to 10 s for the device's pinned worker. */
const DISCOVER_WAIT_MS = 10_000;

/** One running task found on the host: the driver's own description of it. */
export type DiscoveredTask = DetachedTaskInfo;

export interface DiscoveryResponse {
  discovered: number;
  synced_off: number;
  tasks: DiscoveredTask[];
}

/**
 * `POST /detached-tasks/discover`: lists the detached tasks alive on a host (as its
 * login user); registry tasks of that host and user still `running` but not found there are set
 * `completed` (`synced_off`).
 */
@Injectable()
export class DetachedDiscoveryService {
  constructor(
    private readonly client: DetachedJobClient,
    private readonly credentials: CredentialResolver,
    private readonly tasks: DetachedTaskStore,
  ) {}

  async discover(body: unknown, jsonError: string | undefined): Promise<DiscoveryResponse> {
    if (jsonError !== undefined) throw ApiError.unprocessable([{ type: 'json_invalid', loc: ['body'], msg: 'JSON decode error', input: {}, ctx: { error: jsonError } }]);
    const checked = validateDto(ConnectionTestDto, body);
    if (checked.value === null) throw ApiError.unprocessable(checked.errors);
    const dto = checked.value;
    if (dto.driver !== 'paramiko') throw ApiError.badRequest(`Detached tasks are only supported by the paramiko driver, not ${dto.driver}`);
    const args = dto.connection_args;
    const host = typeof args.host === 'string' ? args.host.trim() : '';
    if (!host) throw ApiError.badRequest('`host` is required in connection_args');
    const id = await this.client.enqueue({ driver: dto.driver, connection_args: args, credential: dto.credential ? checkCredential(this.credentials, dto.credential) : null, driver_args: { list_active_detached_tasks: true }, label: 'discover', action: null });
    const rec = await this.client.wait(id, host, DISCOVER_WAIT_MS);
    // Not the server's fault either way: the device's worker was busy, or the device could not be
    // reached (down, circuit open, login refused). Say which, without a 5xx.
    if (!rec) throw ApiError.unavailable(`Detached task discovery on ${host} got no answer within ${DISCOVER_WAIT_MS / 1000} s; try again`);
    const r = rec.result?.retval?.[0];
    const found = r?.metadata.active_tasks;
    if (rec.status !== 'finished' || !r || r.exit_status !== 0 || !Array.isArray(found)) {
      throw new ApiError(424, { detail: `Detached task discovery on ${host} failed: ${redactText(r?.stderr || rec.result?.error?.message || rec.status)}` });
    }
    const tasks = found as DiscoveredTask[];
    const alive = new Set(tasks.map((t) => t.task_id));
    const sameTarget = (ca: Record<string, unknown>): boolean =>
      ca.host === host && String(ca.port ?? 22) === String(args.port ?? 22) && (args.username === undefined || ca.username === args.username);
    let syncedOff = 0;
    for (const e of await this.tasks.list()) {
      if (e.status !== 'running' || alive.has(e.task_id) || !sameTarget(e.connection_args)) continue;
      if (await this.tasks.patch(e.task_id, { status: 'completed', last_sync: Date.now() / 1000 })) syncedOff++;
    }
    return { discovered: tasks.length, synced_off: syncedOff, tasks };
  }
}
