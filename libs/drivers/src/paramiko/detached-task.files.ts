/** File and process-name prefix of detached tasks. */
export const DETACHED_PREFIX = 'np_';

const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** The remote files of one detached task. */
export interface DetachedTaskFiles {
  dir: string;
  log: string;
  pid: string;
  meta: string;
  age: string;
  exit: string;
  script: string;
  /** The name the task's process runs under (`exec -a`), found again with `ps -o args=`. */
  processName: string;
}

/** A task id unfit for a file name or a shell line. */
export class DetachedTaskIdError extends Error {
  constructor(taskId: string) {
    super(`Invalid detached task id '${taskId.slice(0, 80)}': use 1-64 letters, digits, '-' or '_'`);
    this.name = 'DetachedTaskIdError';
  }
}

export function isDetachedTaskId(taskId: string): boolean {
  return TASK_ID.test(taskId);
}

/** `/tmp/np-detached-<username>`; characters that cannot be in a path component become `_`. */
export function detachedDir(username: string): string {
  return `/tmp/np-detached-${username.replace(/[^A-Za-z0-9._@-]/g, '_')}`;
}

/** The task's files; the id goes into paths and shell lines, so it is checked first. */
export function detachedTaskFiles(username: string, taskId: string): DetachedTaskFiles {
  if (!isDetachedTaskId(taskId)) throw new DetachedTaskIdError(taskId);
  const dir = detachedDir(username);
  const base = `${dir}/${DETACHED_PREFIX}${taskId}`;
  return {
    dir,
    log: `${base}.log`,
    pid: `${base}.pid`,
    meta: `${base}.pid.meta`,
    age: `${base}.pid.age`,
    exit: `${base}.pid.exit`,
    script: `${base}.sh`,
    processName: `${DETACHED_PREFIX}${taskId}`,
  };
}
