import { AppConfig, defaultConfig } from '@netpulse/config';
import type { AppLogger } from '@netpulse/observability';
import { SchedulerRegistry } from '@netpulse/schedulers';
import { PinStore, PinnedEntry, StateKeys } from '@netpulse/state';
import { deleteNamespace, readTestEnv, strictStub } from '@netpulse/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { NodePlacementService } from './node-placement.service';

describe('NodePlacementService (real Redis)', () => {
  const env = readTestEnv();
  const redis = new Redis({ host: env.redisHost, port: env.redisPort });
  const namespaces: string[] = [];
  const config: AppConfig = { value: defaultConfig() };

  function harness(cfg: AppConfig = config) {
    const keys = new StateKeys(`${env.namespace}-place-${randomUUID().slice(0, 8)}`);
    namespaces.push(keys.namespace);
    const pins = new PinStore(redis, keys);
    const events: { msg: string; fields: Record<string, unknown> }[] = [];
    const logger = strictStub<AppLogger>({ event: (_level, msg, fields) => void events.push({ msg, fields: fields ?? {} }) });
    return { keys, pins, events, sut: new NodePlacementService(cfg, pins, SchedulerRegistry.withBuiltins(), logger) };
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

  it("catches up a device whose own copy of the pin lags its owner (a release cut between its two writes), so the next enqueue succeeds", async () => {
    const { keys, pins, sut } = harness();
    await pins.registerNode('n1', 10, 60_000);
    const host = '127.0.5.20';
    expect(await sut.place(host)).toBe('n1');
    // The node's release wrote the device's copy and has not reached the control map yet.
    await redis.hset(keys.devicePins(keys.bucketOfHost(host)), host, `${await redis.incr(keys.pinEpoch)} `);
    expect(await pins.devicePinOf(host)).toBeNull();
    expect(await pins.ownerOf(host)).toBe('n1');
    expect(await sut.place(host)).toBe('n1');
    expect(await pins.devicePinOf(host)).toBe('n1');
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

  it('when every node is full, asks for the least recently used idle pins, waits for the answers and claims the room freed', async () => {
    const base = defaultConfig();
    const { keys, pins, sut, events } = harness({ value: { ...base, worker: { ...base.worker, pinned_evict_min_idle: 1 } } });
    await pins.registerNode('n1', 3, 60_000);
    await pins.registerNode('n2', 1, 60_000);
    const now = Date.now();
    const entry = (host: string, status: PinnedEntry['status'], ago: number): PinnedEntry => ({ name: `x_HostQ_${host}`, host, status, birth: now - 60_000, last_used: now - ago, successful: 1, failed: 0 });
    // n1: an old idle pin, a busy one (older still) and a fresh idle one; n2: an idle pin used a bit later than n1's.
    for (const [node, host, status, ago] of [['n1', '127.0.8.1', 'idle', 30_000], ['n1', '127.0.8.2', 'busy', 50_000], ['n1', '127.0.8.3', 'idle', 100], ['n2', '127.0.8.4', 'idle', 20_000]] as const) {
      expect((await pins.claim(host, node, null)).ok).toBe(true);
      await pins.setPinned(node, entry(host, status, ago));
    }
    // A stand-in for the nodes: each answers its eviction requests by releasing the pin (n2 refuses: a job just came).
    const asked: string[] = [];
    const blocking = redis.duplicate();
    let stop = false;
    const nodeLoop = (async () => {
      while (!stop) {
        const r = await blocking.blpop(keys.nodeControl('n1'), keys.nodeControl('n2'), 0.2);
        if (!r) continue;
        const [, answers, host] = r[1].split(' ');
        const node = r[0] === keys.nodeControl('n1') ? 'n1' : 'n2';
        asked.push(`${node} ${host}`);
        const ok = node === 'n1' && (await pins.release(host, node)) === 1;
        await pins.answerEviction(answers, ok);
      }
    })();
    try {
      expect(await sut.place('127.0.8.9')).toBe('n1');
      expect(asked).toEqual(['n1 127.0.8.1']);
      expect(await pins.ownerOf('127.0.8.1')).toBeNull();
      // A bulk of two: the next candidates are n2's pin (refused) and nothing else old enough: both stay unplaced.
      const placed = await sut.placeMany(['127.0.8.10', '127.0.8.11']);
      expect([...placed.values()]).toEqual([null, null]);
      expect(asked).toEqual(['n1 127.0.8.1', 'n2 127.0.8.4']);
      expect(await pins.ownerOf('127.0.8.2')).toBe('n1');
      expect(await pins.ownerOf('127.0.8.3')).toBe('n1');
      // A candidate already asked for by a controller is not asked for again while its mark lasts.
      expect(await sut.place('127.0.8.12')).toBeNull();
      expect(asked).toHaveLength(2);
      expect(events.filter((e) => e.msg.includes('evicted')).map((e) => e.fields)).toEqual([
        { wanted: 1, asked: 1, answered: 1, evicted: 1 },
        { wanted: 2, asked: 1, answered: 1, evicted: 0 },
      ]);
    } finally {
      stop = true;
      await nodeLoop;
      blocking.disconnect();
    }
  });
});
