import { startTestEnv, toProcessEnv } from '../env/test-env';

export default async function globalSetup(): Promise<void> {
  const { env, sshdPid } = await startTestEnv();
  Object.assign(process.env, toProcessEnv(env), { NETPULSE_TEST_SSHD_PID: String(sshdPid) });
}
