import { appConfig } from '@netpulse/config';
import { startWorkerApp } from '@netpulse/execution';
import { NodePresenceService } from './node-presence.service';

startWorkerApp('node-worker', appConfig(), [NodePresenceService], () => process.exit()).catch((err: unknown) => {
  process.stderr.write(`node-worker failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
