import Redis, { Cluster } from 'ioredis';

/** Parses `host:port` seeds of a Redis Cluster. */
function seedsOf(cluster: readonly string[]): { host: string; port: number }[] {
  return cluster.map((s) => {
    const i = s.lastIndexOf(':');
    return { host: s.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(s.slice(i + 1)) };
  });
}

/**
 * Runs `fn` once per server holding data: the one server, or every master of a Redis Cluster
 * (`cluster`: seed `host:port`s), each as a plain connection (a SCAN walks one node's keys).
 */
async function onEveryMaster(host: string, port: number, cluster: readonly string[] | undefined, fn: (r: Redis) => Promise<void>): Promise<void> {
  if (!cluster || cluster.length === 0) {
    const redis = new Redis({ host, port, lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    try {
      await fn(redis);
    } finally {
      redis.disconnect();
    }
    return;
  }
  const c = new Cluster(seedsOf(cluster), { lazyConnect: true, clusterRetryStrategy: () => null, redisOptions: { maxRetriesPerRequest: 1 } });
  // Connection errors reach the caller through the commands; the event would only repeat them.
  c.on('error', () => undefined);
  await c.connect();
  try {
    for (const m of c.nodes('master')) await fn(m);
  } finally {
    c.disconnect();
  }
}

/** Deletes every key of one test namespace (never FLUSHALL: the Redis is shared); on a cluster, on every master. */
export async function deleteNamespace(host: string, port: number, namespace: string, cluster?: readonly string[]): Promise<number> {
  let deleted = 0;
  await onEveryMaster(host, port, cluster, async (redis) => {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length === 0) continue;
      // One key per command (pipelined): on a cluster node the keys of one SCAN page span many slots.
      const pipe = redis.pipeline();
      for (const key of keys) pipe.unlink(key);
      for (const [err, n] of (await pipe.exec()) ?? []) if (!err) deleted += Number(n);
    } while (cursor !== '0');
  });
  return deleted;
}

/** Everything a namespace holds, as text: every key of every type (BullMQ's included), for secret sweeps; on a cluster, of every master. */
export async function dumpNamespace(host: string, port: number, namespace: string, cluster?: readonly string[]): Promise<string> {
  const out: string[] = [];
  await onEveryMaster(host, port, cluster, async (redis) => {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        out.push(key);
        if (type === 'string') out.push((await redis.get(key)) ?? '');
        else if (type === 'hash') out.push(JSON.stringify(await redis.hgetall(key)));
        else if (type === 'list') out.push(JSON.stringify(await redis.lrange(key, 0, -1)));
        else if (type === 'set') out.push(JSON.stringify(await redis.smembers(key)));
        else if (type === 'zset') out.push(JSON.stringify(await redis.zrange(key, 0, -1)));
        else if (type === 'stream') out.push(JSON.stringify(await redis.xrange(key, '-', '+')));
      }
    } while (cursor !== '0');
  });
  return out.join('\n');
}
