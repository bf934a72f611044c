export { available, placeEach, remaining, stableHash } from './node-scheduler';
export type { NodeInfo, NodeScheduler } from './node-scheduler';
export { BUILTIN_SCHEDULERS, SchedulerRegistry } from './scheduler.registry';
export { GreedyStrategy } from './strategies/greedy.strategy';
export { LeastLoadRandomStrategy } from './strategies/least-load-random.strategy';
export { LeastLoadStrategy } from './strategies/least-load.strategy';
export { LoadWeightedRandomStrategy } from './strategies/load-weighted-random.strategy';
export { SchedulersModule } from './schedulers.module';
