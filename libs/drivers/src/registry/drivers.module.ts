import { Global, Module } from '@nestjs/common';
import { DriverRegistry } from './driver.registry';

/** Provides the process's driver registry (built-ins; plugins register into the same one). */
@Global()
@Module({ providers: [{ provide: DriverRegistry, useFactory: () => DriverRegistry.withBuiltins() }], exports: [DriverRegistry] })
export class DriversModule {}
