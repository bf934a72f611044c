import { Injectable } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { AppLogger } from '@netpulse/observability';
import { StagedFilesStore } from './staged-files.store';

/** As in NetPulse 0.4, the staging clean-up runs every hour. */
const PERIOD_MS = 3600_000;

/**
 * Deletes staged files older than `storage.retention_hours` once an hour. Called by the leader
 * controller's supervisor pass, so one controller acts; a new leader sweeps at once, which is
 * harmless (the sweep is idempotent).
 */
@Injectable()
export class StagingRetentionService {
  private lastRun = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly files: StagedFilesStore,
    private readonly logger: AppLogger,
  ) {}

  async sweepIfDue(nowMs = Date.now()): Promise<void> {
    if (nowMs - this.lastRun < PERIOD_MS) return;
    this.lastRun = nowMs;
    const cutoff = nowMs - this.config.value.storage.retention_hours * 3600_000;
    const removed = await this.files.removeOlderThan(cutoff);
    if (removed > 0) this.logger.event('info', 'staging retention: old files removed', { removed, retention_hours: this.config.value.storage.retention_hours });
  }
}
