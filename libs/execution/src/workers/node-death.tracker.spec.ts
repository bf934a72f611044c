import { NodeDeathTracker } from './node-death.tracker';

describe('NodeDeathTracker (when a lapsed node counts as dead)', () => {
  let now = 10_000;
  const tracker = (): NodeDeathTracker => new NodeDeathTracker(2000, () => now);

  it('a node is dead only after its lease stayed lapsed for the margin', () => {
    const t = tracker();
    expect(t.dead(['a', 'b'], new Set(['b']))).toEqual([]);
    now += 1999;
    expect(t.dead(['a', 'b'], new Set(['b']))).toEqual([]);
    now += 1;
    expect(t.dead(['a', 'b'], new Set(['b']))).toEqual(['a']);
  });

  it('a node seen alive again starts over (a slow heartbeat is not a death)', () => {
    const t = tracker();
    t.dead(['a'], new Set());
    now += 1500;
    t.dead(['a'], new Set(['a']));
    now += 1500;
    expect(t.dead(['a'], new Set())).toEqual([]);
    now += 2000;
    expect(t.dead(['a'], new Set())).toEqual(['a']);
  });

  it('forgets nodes that left the registry, and handled ones', () => {
    const t = tracker();
    t.dead(['a'], new Set());
    now += 5000;
    t.forget('a');
    expect(t.dead(['a'], new Set())).toEqual([]);
    t.dead([], new Set());
    now += 5000;
    expect(t.dead(['a'], new Set())).toEqual([]);
  });
});
