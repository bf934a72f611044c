import type { NodeScheduler } from './node-scheduler';
import { GreedyStrategy } from './strategies/greedy.strategy';
import { LeastLoadRandomStrategy } from './strategies/least-load-random.strategy';
import { LeastLoadStrategy } from './strategies/least-load.strategy';
import { LoadWeightedRandomStrategy } from './strategies/load-weighted-random.strategy';

/** Built-in strategies; adding one is adding a line here. */
export const BUILTIN_SCHEDULERS: readonly (new () => NodeScheduler)[] = [GreedyStrategy, LeastLoadRandomStrategy, LeastLoadStrategy, LoadWeightedRandomStrategy];

/** The scheduler strategies this process knows, by name (plugins register here too). */
export class SchedulerRegistry {
  private readonly byName = new Map<string, NodeScheduler>();

  static withBuiltins(): SchedulerRegistry {
    const r = new SchedulerRegistry();
    for (const S of BUILTIN_SCHEDULERS) r.register(new S());
    return r;
  }

  register(s: NodeScheduler): void {
    if (this.byName.has(s.name)) throw new Error(`scheduler ${s.name} is registered twice`);
    this.byName.set(s.name, s);
  }

  /** The configured strategy; an unknown name stops the app at start, naming the known ones. */
  get(name: string): NodeScheduler {
    const s = this.byName.get(name);
    if (!s) throw new Error(`worker.scheduler: unknown scheduler '${name}'; known: ${this.names().join(', ')}`);
    return s;
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }
}
