import type { AppConfigValue } from '@netpulse/config';
import { readFileSync } from 'node:fs';
import Redis, { RedisOptions } from 'ioredis';

/**
 * The one place that knows how to reach Redis: direct, TLS (mutual, as the original) or Sentinel.
 * Everything else asks this factory for a connection.
 */
export class RedisConnectionFactory {
  constructor(private readonly config: AppConfigValue['redis']) {}

  options(extra: RedisOptions = {}): RedisOptions {
    const c = this.config;
    const base: RedisOptions = {
      password: c.password ?? undefined,
      username: c.username ?? undefined,
      db: c.db,
      connectTimeout: c.timeout * 1000,
      keepAlive: c.keepalive > 0 ? c.keepalive * 1000 : 0,
      enableReadyCheck: true,
      // Reconnect forever with a capped backoff: apps survive a Redis restart without restarting.
      retryStrategy: (times: number) => Math.min(100 * times, 2000),
    };
    if (c.tls.enabled) {
      base.tls = {
        ca: c.tls.ca ? readFileSync(c.tls.ca) : undefined,
        cert: c.tls.cert ? readFileSync(c.tls.cert) : undefined,
        key: c.tls.key ? readFileSync(c.tls.key) : undefined,
      };
    }
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

  /** A general-purpose connection (commands, Lua, pipelines). */
  create(name: string, extra: RedisOptions = {}): Redis {
    return new Redis({ connectionName: name, ...this.options(extra) });
  }

  /** Options for BullMQ, which needs `maxRetriesPerRequest: null` for its blocking connections. */
  bullOptions(): RedisOptions {
    return this.options({ maxRetriesPerRequest: null });
  }
}
