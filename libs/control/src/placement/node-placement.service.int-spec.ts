import { AppConfig, defaultConfig } from '@netpulse/config';
import { SchedulerRegistry } from '@netpulse/schedulers';
import { PinStore, StateKeys } from '@netpulse/state';
import { deleteNamespace, readTestEnv } from '@netpulse/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { NodePlacementService } from './node-placement.service';

describe('NodePlacementService (real Redis)', () => {
  const env = readTestEnv();
  const redis = new Redis({ host: env.redisHost, port: env.redisPort });
  const namespaces: string[] = [];
  const config: AppConfig = { value: defaultConfig() };

  function harness() {
    const keys = new StateKeys(`${env.namespace}-place-${randomUUID().slice(0, 8)}`);
    namespaces.push(keys.namespace);
    const pins = new PinStore(redis, keys);
    return { pins, sut: new NodePlacementService(config, pins, SchedulerRegistry.withBuiltins()) };
  }

  afterAll(async () => {
    for (const ns of namespaces) await deleteNamespace(env.redisHost, env.redisPort, ns);
    redis.disconnect();
  });

  it('answers null without a live node with room, and remembers nothing', async () => {
    const { pins, sut } = harness();
    expect(await sut.place('127.0.5.1')).toBeNull();
    await pins.registerNode('n1', 1, 60_000);
    expect(await sut.place('127.0.5.1')).toBe('n1');
    expect(await sut.place('127.0.5.2')).toBeNull();
    expect(sut.remembered('127.0.5.2')).toBeUndefined();
  });

  it('keeps a device on its live owner, remembers it, and forgets a hint on request', async () => {
    const { pins, sut } = harness();
    await pins.registerNode('n1', 10, 60_000);
    await pins.registerNode('n2', 10, 60_000);
    const first = await sut.place('127.0.5.3');
    expect(first).not.toBeNull();
    expect(await pins.ownerOf('127.0.5.3')).toBe(first);
    for (let i = 0; i < 3; i++) expect(await sut.place('127.0.5.3')).toBe(first);
    expect(sut.remembered('127.0.5.3')).toBe(first);
    sut.forget('127.0.5.3');
    expect(sut.remembered('127.0.5.3')).toBeUndefined();
  });

  it('moves a device whose owner died to a live node, and skips a full one', async () => {
    const { pins, sut } = harness();
    await pins.registerNode('short', 10, 50);
    expect(await sut.place('127.0.5.4')).toBe('short');
    await pins.registerNode('full', 1, 60_000);
    await pins.registerNode('roomy', 10, 60_000);
    expect((await pins.claim('127.0.5.9', 'full', null)).ok).toBe(true);
    await sleep(80);
    expect(await sut.place('127.0.5.4')).toBe('roomy');
    expect(await pins.ownerOf('127.0.5.4')).toBe('roomy');
  });

  it('places many devices at once within every node\'s capacity, keeping live owners; the rest get null', async () => {
    const { pins, sut } = harness();
    await pins.registerNode('a', 2, 60_000);
    await pins.registerNode('b', 2, 60_000);
    expect((await pins.claim('127.0.6.1', 'b', null)).ok).toBe(true);
    const hosts = ['127.0.6.1', '127.0.6.2', '127.0.6.3', '127.0.6.4', '127.0.6.5', '127.0.6.2'];
    const placed = await sut.placeMany(hosts);
    expect(placed.size).toBe(5);
    expect(placed.get('127.0.6.1')).toBe('b');
    const nodes = [...placed.values()];
    expect(nodes.filter((n) => n === 'a')).toHaveLength(2);
    expect(nodes.filter((n) => n === 'b')).toHaveLength(2);
    expect(nodes.filter((n) => n === null)).toHaveLength(1);
    for (const [host, node] of placed) {
      expect(await pins.ownerOf(host)).toBe(node);
      expect(sut.remembered(host)).toBe(node ?? undefined);
    }
    expect(await sut.placeMany([])).toEqual(new Map());
  });
});
