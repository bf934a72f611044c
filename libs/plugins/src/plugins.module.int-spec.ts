import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule, defaultConfig } from '@netpulse/config';
import { DriverRegistry, DriversModule } from '@netpulse/drivers';
import { join } from 'node:path';
import { LoadedPlugins } from './loaded-plugins';
import { PluginLoadError } from './plugin-load.error';
import { PluginsModule } from './plugins.module';

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'plugin-dummy-driver');

/** An app like a FIFO worker: drivers but no scheduler registry. */
function appWith(packages: string[]): Promise<import('@nestjs/common').INestApplicationContext> {
  const config = { ...defaultConfig(), plugin: { packages } };
  @Module({ imports: [ConfigModule.forRoot(config), DriversModule, PluginsModule.forRoot()] })
  class TestApp {}
  return NestFactory.createApplicationContext(TestApp, { logger: false, abortOnError: false });
}

describe('PluginsModule', () => {
  it('loads plugin.packages into the app registries at init, skipping kinds the app has no registry for', async () => {
    const app = await appWith([EXAMPLE]);
    try {
      expect(app.get(DriverRegistry).get('dummy')?.name).toBe('dummy');
      expect(app.get(LoadedPlugins).plugins[0].registered).toEqual({ drivers: ['dummy'] });
    } finally {
      await app.close();
    }
  });

  it('stops the app start when a plugin is bad', async () => {
    await expect(appWith([join(EXAMPLE, 'missing')])).rejects.toThrow(PluginLoadError);
  });
});
