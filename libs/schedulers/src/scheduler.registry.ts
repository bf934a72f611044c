import { NamedRegistry } from '@netpulse/contracts';
import type { NodeScheduler } from './node-scheduler';
import { GreedyStrategy } from './strategies/greedy.strategy';
import { LeastLoadRandomStrategy } from './strategies/least-load-random.strategy';
import { LeastLoadStrategy } from './strategies/least-load.strategy';
import { LoadWeightedRandomStrategy } from './strategies/load-weighted-random.strategy';

/** Built-in strategies; adding one is adding a line here. */
export const BUILTIN_SCHEDULERS: readonly (new () => NodeScheduler)[] = [GreedyStrategy, LeastLoadRandomStrategy, LeastLoadStrategy, LoadWeightedRandomStrategy];

/** The scheduler strategies this process knows, by name (plugins register here too). */
export class SchedulerRegistry extends NamedRegistry<NodeScheduler> {
  constructor() {
    super('scheduler', (name, known) => new Error(`worker.scheduler: unknown scheduler '${name}'; known: ${known.join(', ')}`));
  }

  static withBuiltins(): SchedulerRegistry {
    const r = new SchedulerRegistry();
    for (const S of BUILTIN_SCHEDULERS) r.register(new S());
    return r;
  }

  /** The configured strategy; an unknown name stops the app at start, naming the known ones. */
  override get(name: string): NodeScheduler {
    return this.require(name);
  }
}
