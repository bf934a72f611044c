import { isClusterRedirect, isRedisUnavailable } from './redis-errors';

describe('Redis error classes', () => {
  it('takes outages, failovers and slot moves for unavailability, and nothing else', () => {
    for (const m of ['connect ECONNREFUSED 127.0.0.1:6379', 'Connection is closed.', 'Reached the max retries per request limit (which is 2). Refer to "maxRetriesPerRequest" option for details.', 'Too many Cluster redirections. Last error: ReplyError: CLUSTERDOWN The cluster is down', 'Failed to refresh slots cache.', 'MOVED 11503 127.0.0.1:38451', 'CLUSTERDOWN The cluster is down', 'TRYAGAIN Multiple keys request during rehashing of slot', 'LOADING Redis is loading the dataset in memory', "READONLY You can't write against a read only replica."]) {
      expect([m, isRedisUnavailable(new Error(m))]).toEqual([m, true]);
    }
    for (const m of ['job abc exists', 'ERR Error running script', 'WRONGTYPE Operation against a key holding the wrong kind of value', 'Unexpected token']) expect([m, isRedisUnavailable(new Error(m))]).toEqual([m, false]);
  });

  it('tells a refused (not run) cluster command from any other error', () => {
    expect(isClusterRedirect(new Error('MOVED 1 127.0.0.1:7000'))).toBe(true);
    expect(isClusterRedirect(new Error('ASK 1 127.0.0.1:7000'))).toBe(true);
    expect(isClusterRedirect(new Error('CLUSTERDOWN The cluster is down'))).toBe(true);
    expect(isClusterRedirect(new Error('Connection is closed.'))).toBe(false);
    expect(isClusterRedirect('MOVED 1 x')).toBe(false);
  });
});
