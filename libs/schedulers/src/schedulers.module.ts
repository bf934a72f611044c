import { Global, Module } from '@nestjs/common';
import { SchedulerRegistry } from './scheduler.registry';

/** Provides the scheduler strategies (built-ins; plugins register into the same registry). */
@Global()
@Module({ providers: [{ provide: SchedulerRegistry, useFactory: () => SchedulerRegistry.withBuiltins() }], exports: [SchedulerRegistry] })
export class SchedulersModule {}
