import { appConfig } from '@netpulse/config';
import { startWorkerApp } from '@netpulse/execution';
import { FifoConsumerService } from './fifo-consumer.service';

startWorkerApp('fifo-worker', appConfig(), [FifoConsumerService], () => process.exit()).catch((err: unknown) => {
  process.stderr.write(`fifo-worker failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
