import { appConfig } from '@netpulse/config';
import { AppLogger } from '@netpulse/observability';
import { startController } from './bootstrap';
import { runControllerCluster } from './controller.cluster';

const config = appConfig();
const logger = new AppLogger('controller', config.log.level);

if (!runControllerCluster(config, (msg) => logger.event('info', msg))) {
  startController(config).catch((err: unknown) => {
    process.stderr.write(`controller failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
