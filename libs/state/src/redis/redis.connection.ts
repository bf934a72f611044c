import { AppConfigValue, parseHostPort } from '@netpulse/config';
import { readFileSync } from 'node:fs';
import Redis, { Cluster, ClusterOptions, RedisOptions } from 'ioredis';

/** A connection to our Redis: one server (direct, TLS, Sentinel) or a Redis Cluster. */
export type RedisClient = Redis | Cluster;

/** Options a caller may add to a connection (they apply to every node of a cluster). */
export type ConnectionOptions = Pick<RedisOptions, 'maxRetriesPerRequest' | 'enableOfflineQueue' | 'lazyConnect'>;

/** True for a cluster client. */
export function isCluster(redis: RedisClient): redis is Cluster {
  return (redis as Cluster).isCluster === true;
}

/**
 * The one place that knows how to reach Redis: direct, TLS (mutual, as the original), Sentinel or
 * Redis Cluster (`redis.cluster`). Everything else asks this factory for a connection, so every app
 * and BullMQ get the same kind.
 */
export class RedisConnectionFactory {
  constructor(private readonly config: AppConfigValue['redis']) {}

  /** True when the apps talk to a Redis Cluster. */
  get cluster(): boolean {
    return this.config.cluster.enabled;
  }

  /** Per-server options: the server itself (direct, Sentinel), or every node of a cluster. */
  private serverOptions(): RedisOptions {
    const c = this.config;
    const base: RedisOptions = {
      password: c.password ?? undefined,
      username: c.username ?? undefined,
      connectTimeout: c.timeout * 1000,
      keepAlive: c.keepalive > 0 ? c.keepalive * 1000 : 0,
      enableReadyCheck: true,
    };
    if (!c.cluster.enabled) base.db = c.db;
    if (c.tls.enabled) {
      base.tls = {
        ca: c.tls.ca ? readFileSync(c.tls.ca) : undefined,
        cert: c.tls.cert ? readFileSync(c.tls.cert) : undefined,
        key: c.tls.key ? readFileSync(c.tls.key) : undefined,
      };
    }
    return base;
  }

  /** Options of a single-server connection (not for a cluster). */
  options(extra: ConnectionOptions = {}): RedisOptions {
    const c = this.config;
    // Reconnect forever with a capped backoff: apps survive a Redis restart without restarting.
    const base: RedisOptions = { ...this.serverOptions(), retryStrategy: (times: number) => Math.min(100 * times, 2000) };
    if (c.sentinel.enabled) {
      return {
        ...base,
        sentinels: [{ host: c.sentinel.host, port: c.sentinel.port }],
        name: c.sentinel.master_name,
        sentinelPassword: c.sentinel.password ?? undefined,
        ...extra,
      };
    }
    return { ...base, host: c.host, port: c.port, ...extra };
  }

  /**
   * Options of a cluster client. It follows MOVED/ASK redirections and failovers by itself (slot map
   * refreshed on a redirection or a lost node, commands retried while a failover runs); reconnects
   * forever with a capped backoff, as the single-server connection does.
   */
  clusterOptions(name: string, extra: ConnectionOptions = {}): ClusterOptions {
    const { enableOfflineQueue, lazyConnect, ...perNode } = extra;
    return {
      redisOptions: { connectionName: name, ...this.serverOptions(), ...perNode },
      clusterRetryStrategy: (times: number) => Math.min(100 * times, 2000),
      // A failover takes about cluster-node-timeout plus an election: retry a redirected or refused
      // command meanwhile instead of failing it at once.
      retryDelayOnFailover: 200,
      retryDelayOnClusterDown: 200,
      retryDelayOnTryAgain: 100,
      maxRedirections: 16,
      // Per node asked for the slot map: a node that hangs must not hold the refresh up for long.
      slotsRefreshTimeout: 2000,
      slotsRefreshInterval: 5000,
      scaleReads: 'master',
      enableReadyCheck: true,
      ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
      ...(lazyConnect === undefined ? {} : { lazyConnect }),
    };
  }

  /** The startup nodes of the cluster (`redis.cluster.nodes`). */
  clusterNodes(): { host: string; port: number }[] {
    return this.config.cluster.nodes.map((n) => {
      const hp = parseHostPort(n);
      if (!hp) throw new Error(`redis.cluster.nodes: ${JSON.stringify(n)} is not host:port`);
      return hp;
    });
  }

  /** A general-purpose connection (commands, Lua, pipelines, pub/sub). */
  create(name: string, extra: ConnectionOptions = {}): RedisClient {
    if (this.config.cluster.enabled) return new Cluster(this.clusterNodes(), this.clusterOptions(name, extra));
    return new Redis({ connectionName: name, ...this.options(extra) });
  }

  /**
   * What BullMQ gets: options on a single server (BullMQ opens and closes its connections), a cluster
   * client on a cluster (BullMQ cannot build one from options; the caller closes it). Both with
   * `maxRetriesPerRequest: null`, which BullMQ requires for its blocking connections.
   */
  bullConnection(name: string): RedisOptions | Cluster {
    if (this.config.cluster.enabled) return new Cluster(this.clusterNodes(), this.clusterOptions(name, { maxRetriesPerRequest: null }));
    return this.bullOptions();
  }

  /** Options for BullMQ on a single server, which needs `maxRetriesPerRequest: null` for its blocking connections. */
  bullOptions(): RedisOptions {
    return this.options({ maxRetriesPerRequest: null });
  }
}
