import { appConfig } from '@netpulse/config';
import { startController } from './bootstrap';

startController(appConfig()).catch((err: unknown) => {
  process.stderr.write(`controller failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
