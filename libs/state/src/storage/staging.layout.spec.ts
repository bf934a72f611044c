import { StagingLayout, sanitiseUploadName } from './staging.layout';

describe('StagingLayout', () => {
  const sut = new StagingLayout('/srv/staging');

  it('names uploads <8 hex>_<sanitised> and recognises only those as uploads', () => {
    const p = sut.uploadPath('../../etc/pass wd;rm -rf');
    expect(p).toMatch(/^\/srv\/staging\/[0-9a-f]{8}_pass_wd_rm_-rf$/);
    expect(sut.isUpload(p)).toBe(true);
    expect(sut.isUpload('/srv/staging/downloads')).toBe(false);
    expect(sut.isUpload('/etc/passwd')).toBe(false);
    expect(sut.isUpload('/srv/staging/sub/12345678_x')).toBe(false);
    expect(sanitiseUploadName('')).toBe('upload');
    expect(sanitiseUploadName('ok-Name_1.tar.gz')).toBe('ok-Name_1.tar.gz');
  });

  it('gives fetch ids only for files inside the job download directory', () => {
    expect(sut.downloadDir('j1')).toBe('/srv/staging/downloads/dl_j1');
    expect(sut.downloadFileId('j1', '/srv/staging/downloads/dl_j1/a/b.txt')).toBe('dl_j1/a/b.txt');
    expect(sut.downloadFileId('j1', '/srv/staging/downloads/dl_j2/b.txt')).toBeNull();
    expect(sut.downloadFileId('j1', '/srv/staging/downloads/dl_j1/../dl_j2/b')).toBeNull();
    expect(sut.downloadFileId('j1', '/tmp/x')).toBeNull();
  });
});
