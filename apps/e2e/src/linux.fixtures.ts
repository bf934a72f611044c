import type { JobInResponse } from '@netpulse/contracts';
import { TestEnv, TestSystem, TestSystemOptions } from '@netpulse/testing';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The shared payload secret of a Linux test system, so tests can sign (and forge) download URLs. */
export interface LinuxSystem {
  sys: TestSystem;
  secretKey: string;
  staging: string;
}

/** A system with a FIFO worker and a node worker, its own staging directory and a known secret key. */
export async function startLinuxSystem(env: TestEnv, opts: TestSystemOptions = {}): Promise<LinuxSystem> {
  const secretKey = `e2e-${randomBytes(12).toString('hex')}`;
  const staging = join(env.stateDir, `staging-${randomBytes(4).toString('hex')}`);
  mkdirSync(staging, { recursive: true });
  const sys = await TestSystem.start({
    fifoWorkers: 1,
    nodeWorkers: 1,
    ...opts,
    env: { NETPULSE_SECURITY__SECRET_KEY: secretKey, NETPULSE_STORAGE__STAGING: staging, ...opts.env },
  });
  return { sys, secretKey, staging };
}

/** connection_args of the test sshd user (password login). */
export const linuxArgs = (env: TestEnv): Record<string, unknown> => ({ host: env.sshHost, port: env.sshPort, username: env.sshUser, password: env.sshPassword });

/** POST /device/exec, expect 201, wait for the job to end. */
export async function runJob(sys: TestSystem, body: Record<string, unknown>, timeoutMs = 20_000): Promise<JobInResponse> {
  const res = await sys.api.post<JobInResponse>('/device/exec', body);
  if (res.status !== 201) throw new Error(`POST /device/exec answered ${res.status}: ${res.text}`);
  return sys.api.waitForJob<JobInResponse>(res.body.id, timeoutMs);
}
