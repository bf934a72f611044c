/** What every scenario gets: where Redis is, where logs go, and how to report progress. */
export interface BenchContext {
  redisHost: string;
  redisPort: number;
  logRoot: string;
  progress: (message: string) => void;
}
