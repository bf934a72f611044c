import { startTestEnv, toProcessEnv } from '../env/test-env';

export default async function globalSetup(): Promise<void> {
  const { env, sshdPid, frrPids, frrDir } = await startTestEnv();
  Object.assign(process.env, toProcessEnv(env), { NETPULSE_TEST_SSHD_PID: String(sshdPid), NETPULSE_TEST_FRR_PIDS: frrPids.join(','), NETPULSE_TEST_FRR_DIR: frrDir ?? '' });
}
