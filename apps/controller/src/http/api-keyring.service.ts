import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ApiKeyEntry, ApiRole, AppConfig, loadConfig, parseApiKeys, readApiKeysFile } from '@netpulse/config';
import { AppLogger } from '@netpulse/observability';
import { hash, timingSafeEqual } from 'node:crypto';
import { unwatchFile, watchFile } from 'node:fs';

/** Who a request authenticated as. */
export interface ApiKeyIdentity {
  name: string;
  role: ApiRole;
}

interface KeyringEntry extends ApiKeyIdentity {
  digest: Buffer;
}

/** The name the full-access `server.api_key` is recorded under. */
export const LEGACY_KEY_NAME = 'api_key';

/**
 * Every key the API accepts: `server.api_key` (full access, as before named keys existed), the named
 * keys of `server.api_keys` and those of `server.api_keys_file`. Named keys are re-read on SIGHUP
 * and whenever the file changes, so a key is added, rotated or revoked without a restart; a reload
 * that fails keeps the keys in force and logs why.
 */
@Injectable()
export class ApiKeyring implements OnModuleInit, OnModuleDestroy {
  private entries: KeyringEntry[];
  private readonly legacy: KeyringEntry | null;
  private watched: string | null = null;
  private readonly onSighup = (): void => this.reload('SIGHUP');

  constructor(
    private readonly config: AppConfig,
    private readonly logger: AppLogger,
  ) {
    const key = config.value.server.api_key;
    this.legacy = key ? { name: LEGACY_KEY_NAME, role: 'admin', digest: digest(key) } : null;
    // A bad file at start stops the process (the error names it), as a bad config key would.
    this.entries = this.build(config.value.server.api_keys, config.value.server.api_keys_file);
  }

  onModuleInit(): void {
    process.on('SIGHUP', this.onSighup);
    const file = this.config.value.server.api_keys_file;
    if (file) {
      this.watched = file;
      // Polling follows a mounted secret's symlink swap, which inotify on the old path misses.
      watchFile(file, { interval: 1000, persistent: false }, (cur, prev) => {
        if (cur.mtimeMs !== prev.mtimeMs || cur.size !== prev.size || cur.ino !== prev.ino) this.reload('file change');
      });
    }
  }

  onModuleDestroy(): void {
    process.off('SIGHUP', this.onSighup);
    if (this.watched) unwatchFile(this.watched);
  }

  /** The identity of the first candidate that is a known key; constant time per comparison. */
  match(candidates: readonly (string | undefined)[]): ApiKeyIdentity | null {
    for (const candidate of candidates) {
      if (candidate === undefined) continue;
      const d = digest(candidate);
      if (this.legacy && timingSafeEqual(d, this.legacy.digest)) return this.legacy;
      for (const e of this.entries) if (timingSafeEqual(d, e.digest)) return e;
    }
    return null;
  }

  /** Re-reads the named keys from the config file, the environment and the key file. */
  reload(reason: string): void {
    try {
      const fresh = loadConfig({ warn: () => undefined }).server;
      this.entries = this.build(fresh.api_keys, this.config.value.server.api_keys_file);
      this.logger.event('info', 'API keys reloaded', { reason, keys: this.entries.length + (this.legacy ? 1 : 0) });
    } catch (err) {
      this.logger.event('error', 'API keys not reloaded; the previous keys stay in force', { reason, err: err instanceof Error ? err.message : String(err) });
    }
  }

  get size(): number {
    return this.entries.length + (this.legacy ? 1 : 0);
  }

  private build(fromConfig: readonly ApiKeyEntry[], file: string | null): KeyringEntry[] {
    const listed = parseApiKeys(fromConfig, 'server.api_keys').keys;
    const all = file ? [...listed, ...readApiKeysFile(file)] : listed;
    const names = new Set<string>([LEGACY_KEY_NAME]);
    for (const k of all) {
      if (names.has(k.name)) throw new Error(`API key name ${k.name} is used twice (server.api_keys, server.api_keys_file)`);
      names.add(k.name);
    }
    return all.map((k) => ({ name: k.name, role: k.role, digest: Buffer.from(k.sha256, 'hex') }));
  }
}

/** Hashing first makes the comparison constant-time whatever the lengths (one-shot: no Hash object per request). */
export function digest(s: string): Buffer {
  return hash('sha256', s, 'buffer');
}
