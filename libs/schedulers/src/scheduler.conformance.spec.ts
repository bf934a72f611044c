import type { NodeInfo } from './node-scheduler';
import { SchedulerRegistry } from './scheduler.registry';

const node = (hostname: string, count: number, capacity: number): NodeInfo => ({ hostname, count, capacity, queue: `NodeQ_${hostname}` });

/** Every strategy must pass this: the conformance suite of the scheduler interface. */
describe.each(SchedulerRegistry.withBuiltins().names())('scheduler %s (conformance)', (name) => {
  const sut = SchedulerRegistry.withBuiltins().get(name);

  it('never picks a full node and returns null when all are full', () => {
    expect(sut.select([node('a', 2, 2), node('b', 1, 2)], 'h1')?.hostname).toBe('b');
    expect(sut.select([node('a', 2, 2)], 'h1')).toBeNull();
    expect(sut.select([], 'h1')).toBeNull();
  });

  it('places every host when total capacity suffices, never over capacity', () => {
    const nodes = [node('a', 0, 3), node('b', 1, 4), node('c', 5, 5), node('d', 0, 1)];
    const hosts = Array.from({ length: 7 }, (_, i) => `127.0.50.${i + 1}`);
    const placed = sut.selectBatch(nodes, hosts);
    expect(placed.every((p) => p !== null)).toBe(true);
    const per = new Map<string, number>();
    for (const p of placed) per.set(p?.hostname ?? '', (per.get(p?.hostname ?? '') ?? 0) + 1);
    for (const n of nodes) expect((per.get(n.hostname) ?? 0) + n.count).toBeLessThanOrEqual(n.capacity);
  });

  it('leaves the surplus unplaced when capacity runs out', () => {
    const placed = sut.selectBatch([node('a', 0, 1), node('b', 0, 1)], ['h1', 'h2', 'h3']);
    expect(placed.filter((p) => p === null)).toHaveLength(1);
  });
});

describe('strategy specifics', () => {
  const reg = SchedulerRegistry.withBuiltins();
  it('least_load picks the lowest count, then the most room, then the name', () => {
    expect(reg.get('least_load').select([node('b', 1, 10), node('a', 1, 10), node('c', 2, 10)], 'h')?.hostname).toBe('a');
    expect(reg.get('least_load').select([node('a', 1, 5), node('b', 1, 10)], 'h')?.hostname).toBe('b');
  });
  it('greedy packs onto the busiest node with room', () => {
    expect(reg.get('greedy').select([node('a', 1, 10), node('b', 7, 10), node('c', 10, 10)], 'h')?.hostname).toBe('b');
  });
  it('rejects an unknown name listing the known ones', () => {
    expect(() => reg.get('round_robin')).toThrow("unknown scheduler 'round_robin'; known: greedy, least_load, least_load_random, load_weighted_random");
  });
});
