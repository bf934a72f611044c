import { Injectable, StreamableFile } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { ApiError } from '@netpulse/contracts';
import { DownloadUrlSigner, SecretBox, publicBaseUrl } from '@netpulse/state';
import { StagedFilesStore } from '@netpulse/control';

/**
 * Serves what workers downloaded into staging: a path that could leave `downloads/` is 403, a
 * missing, forged or expired signature 403, a file that is not there 404; the file is streamed.
 */
@Injectable()
export class StagedFileFetcher {
  private readonly signer: DownloadUrlSigner;

  constructor(
    box: SecretBox,
    config: AppConfig,
    private readonly files: StagedFilesStore,
  ) {
    this.signer = new DownloadUrlSigner(box.deriveKey('storage-fetch'), publicBaseUrl(config.value.server), config.value.storage.download_url_ttl, box.derivePreviousKeys('storage-fetch'));
  }

  async fetch(segments: readonly string[], expires: unknown, sig: unknown): Promise<StreamableFile> {
    if (segments.some((s) => s === '.' || s === '..' || /[/\\\0]/.test(s))) throw new ApiError(403, { detail: 'Access denied: invalid file path' });
    const check = this.signer.verify(segments.join('/'), expires, sig);
    if (check === 'expired') throw new ApiError(403, { detail: 'Download link expired' });
    if (check !== 'ok') throw new ApiError(403, { detail: 'Invalid download signature' });
    const target = await this.files.openDownload(segments);
    if (target.kind === 'forbidden') throw new ApiError(403, { detail: 'Access denied: invalid file path' });
    if (target.kind === 'missing') throw ApiError.notFound('File not found');
    const name = target.name.replace(/["\\\r\n]/g, '_');
    return new StreamableFile(target.stream, {
      type: 'application/octet-stream',
      length: target.size,
      disposition: `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(target.name)}`,
    });
  }
}
