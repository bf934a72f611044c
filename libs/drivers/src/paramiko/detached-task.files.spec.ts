import { DetachedTaskIdError, detachedDir, detachedTaskFiles } from './detached-task.files';

describe('detached task files', () => {
  it('names the detached-task files under the user directory', () => {
    expect(detachedTaskFiles('ops', '1a2b3c4d-5e6f')).toEqual({
      dir: '/tmp/np-detached-ops',
      log: '/tmp/np-detached-ops/np_1a2b3c4d-5e6f.log',
      pid: '/tmp/np-detached-ops/np_1a2b3c4d-5e6f.pid',
      meta: '/tmp/np-detached-ops/np_1a2b3c4d-5e6f.pid.meta',
      age: '/tmp/np-detached-ops/np_1a2b3c4d-5e6f.pid.age',
      exit: '/tmp/np-detached-ops/np_1a2b3c4d-5e6f.pid.exit',
      script: '/tmp/np-detached-ops/np_1a2b3c4d-5e6f.sh',
      processName: 'np_1a2b3c4d-5e6f',
    });
  });

  it('refuses ids that could leave the directory or break a shell line', () => {
    for (const bad of ['', '../x', 'a b', "a'b", 'a;b', '-rf', 'x'.repeat(65)]) expect(() => detachedTaskFiles('ops', bad)).toThrow(DetachedTaskIdError);
  });

  it('keeps user names that are not plain path components inside one directory name', () => {
    expect(detachedDir('user@corp.example')).toBe('/tmp/np-detached-user@corp.example');
    expect(detachedDir('../root')).toBe('/tmp/np-detached-.._root');
  });
});
