import { DynamicModule, INestApplicationContext, Module, Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfigValue, ConfigModule } from '@netpulse/config';
import { DriversModule } from '@netpulse/drivers';
import { AppLogger, LoggingModule } from '@netpulse/observability';
import { StateModule } from '@netpulse/state';
import { ExecutionModule } from '../execution.module';
import { ProcessExit } from './process-exit';

@Module({})
class WorkerRootModule {
  static forRoot(role: string, config: AppConfigValue, providers: Provider[]): DynamicModule {
    return {
      module: WorkerRootModule,
      imports: [ConfigModule.forRoot(config), LoggingModule.forRoot(role), StateModule.forRoot(), DriversModule, ExecutionModule],
      providers,
    };
  }
}

/**
 * Starts a worker process role (no HTTP API): the shared modules plus the role's own providers.
 * `onExit` runs after a `shutdown` command has drained the app.
 */
export async function startWorkerApp(role: string, config: AppConfigValue, providers: Provider[], onExit: () => void): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerRootModule.forRoot(role, config, providers), { bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  // Drain on SIGTERM/SIGINT (stop taking work, finish what runs, release), then exit 0: a clean stop is not a crash.
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.once(sig, () => void app.close().then(() => process.exit()));
  app.get(ProcessExit).onRequest(() => void app.close().then(onExit));
  await app.init();
  return app;
}
