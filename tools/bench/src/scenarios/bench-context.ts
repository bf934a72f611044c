import type { BenchSettings } from '../suite/bench-settings';
import type { TeardownRegistry } from '../suite/teardown.registry';

/** What every scenario gets: where Redis is, where logs go, how to report progress, what to clean up. */
export interface BenchContext {
  redisHost: string;
  redisPort: number;
  /** pid of the Redis server when the bench started its own (its CPU is then measurable), else 0. */
  redisPid: number;
  logRoot: string;
  progress: (message: string) => void;
  teardown: TeardownRegistry;
  settings: BenchSettings;
}
