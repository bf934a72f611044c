import { SHARED_SESSION_VAR, startTestSession, type TestSession } from '../env/test-session';

export default async function globalSetup(): Promise<void> {
  // Under `test-env.cli.js run` (what `npm test` does) the session is already in the environment.
  if (process.env[SHARED_SESSION_VAR] === '1') return;
  const session = await startTestSession();
  Object.assign(process.env, session.vars);
  (globalThis as { netpulseTestSession?: TestSession }).netpulseTestSession = session;
}
