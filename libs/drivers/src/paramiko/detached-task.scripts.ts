import { DETACHED_PREFIX, DetachedTaskFiles } from './detached-task.files';
import { shellQuote as q } from './shell-line.builder';

/** Log rotation: past 1 GiB keep the last 700 MiB, checked every 60 s. */
export const LOG_MAX_BYTES = 1073741824;
export const LOG_KEEP_BYTES = 734003200;

/** Prints `<pid> <running 0|1>` facts about the task's process into shell variables P and R. */
function processState(f: DetachedTaskFiles): string {
  return [
    `P=$(cat ${q(f.pid)} 2>/dev/null); R=0`,
    `case "$P" in ''|*[!0-9]*) P= ;; *) ps -p "$P" -o args= 2>/dev/null | grep -qF -- ${q(f.processName)} && R=1 ;; esac`,
  ].join('\n');
}

/**
 * Starts the task and prints its pid. The task runs as `exec -a np_<id> bash -c <inner>` under
 * `nohup setsid`, so it is its own process group (killable as a whole) and findable by name; the
 * inner script records the exit code and end time. A second setsid'd loop rotates the log, and exits
 * within seconds of the task.
 */
export function launchScript(f: DetachedTaskFiles, taskId: string, command: string, metaCommand: string): string {
  // The command runs in a subshell so that its own `exit` still lets the exit code and end time be recorded.
  const inner = `(\n${command}\n)\nRET=$?\necho $RET > ${q(f.exit)}\ndate +%s >> ${q(f.age)}\nexit $RET`;
  const wrapped = `exec -a ${f.processName} bash -c ${q(inner)}`;
  const watcher = [
    'i=0',
    'while kill -0 "$1" 2>/dev/null; do',
    '  sleep 5; i=$((i+5)); [ $i -lt 60 ] && continue; i=0',
    `  s=$(stat -c%s ${q(f.log)} 2>/dev/null || echo 0)`,
    `  if [ "$s" -gt ${LOG_MAX_BYTES} ]; then tail -c ${LOG_KEEP_BYTES} ${q(f.log)} > ${q(`${f.log}.tmp`)} && cat ${q(`${f.log}.tmp`)} > ${q(f.log)}; rm -f ${q(`${f.log}.tmp`)}; fi`,
    'done',
  ].join('\n');
  return [
    `date +%s > ${q(f.age)}`,
    `nohup setsid bash -c ${q(wrapped)} </dev/null >> ${q(f.log)} 2>&1 &`,
    'MAIN_PID=$!',
    `echo $MAIN_PID > ${q(f.pid)}`,
    `printf '%s\\n%s\\n' ${q(taskId)} ${q(metaCommand.replace(/\r?\n/g, '\\n'))} > ${q(f.meta)}`,
    `nohup setsid bash -c ${q(watcher)} np_log_watch "$MAIN_PID" </dev/null >/dev/null 2>&1 &`,
    'echo $MAIN_PID',
  ].join('\n');
}

/** Prints `<pid>\t<running>\t<exit code>\n` then the log (up to 64 KiB) when the task is not running. */
export function launchCheckScript(f: DetachedTaskFiles, maxBytes: number): string {
  return [
    processState(f),
    `X=$(cat ${q(f.exit)} 2>/dev/null)`,
    `printf '%s\\t%s\\t%s\\n' "$P" "$R" "$X"`,
    `[ "$R" = 1 ] || head -c ${maxBytes} ${q(f.log)} 2>/dev/null`,
  ].join('\n');
}

/**
 * Prints `<pid>\t<running>\t<offset>\t<size>\t<exit code>\n` then the log bytes from offset (at most
 * `maxBytes`). The process is checked before the size is read: a task seen finished has written
 * all of its output, so a `completed` answer never misses its last bytes. Size -1: no log.
 */
export function readScript(f: DetachedTaskFiles, offset: number, maxBytes: number): string {
  return [
    processState(f),
    `S=$(stat -c%s ${q(f.log)} 2>/dev/null || echo -1)`,
    `O=${Math.max(0, Math.floor(offset))}`,
    // The log shrank (rotation): start again from its beginning.
    '[ "$O" -gt "$S" ] && O=0',
    `X=$(cat ${q(f.exit)} 2>/dev/null)`,
    `printf '%s\\t%s\\t%s\\t%s\\t%s\\n' "$P" "$R" "$O" "$S" "$X"`,
    `if [ "$S" -gt "$O" ]; then N=$((S-O)); [ "$N" -gt ${maxBytes} ] && N=${maxBytes}; tail -c +$((O+1)) ${q(f.log)} | head -c "$N"; fi`,
  ].join('\n');
}

/** SIGTERM to the process group, 0.2 s, SIGKILL, then the files. Exit 4: no such task; 3: survived. */
export function killScript(f: DetachedTaskFiles): string {
  return [
    `[ -e ${q(f.pid)} ] || [ -e ${q(f.log)} ] || [ -e ${q(f.meta)} ] || exit 4`,
    processState(f),
    'if [ "$R" = 1 ]; then',
    '  kill -TERM -- "-$P" 2>/dev/null || kill -TERM "$P" 2>/dev/null',
    '  sleep 0.2',
    '  kill -KILL -- "-$P" 2>/dev/null || kill -KILL "$P" 2>/dev/null',
    // The kill is asynchronous; give the kernel a moment before checking.
    `  for i in 1 2 3 4 5 6 7 8 9 10; do ps -p "$P" -o args= 2>/dev/null | grep -qF -- ${q(f.processName)} || break; sleep 0.1; done`,
    `  ps -p "$P" -o args= 2>/dev/null | grep -qF -- ${q(f.processName)} && { echo "process $P is still running (owned by another user?)" >&2; exit 3; }`,
    'fi',
    `rm -f ${[f.log, `${f.log}.tmp`, f.pid, f.meta, f.age, f.exit, f.script].map(q).join(' ')}`,
  ].join('\n');
}

/** Prints `<task id>\t<pid>\t<command>` for every task whose process is alive. */
export function listScript(dir: string): string {
  return [
    `for m in ${q(dir)}/${DETACHED_PREFIX}*.pid.meta; do`,
    '  [ -f "$m" ] || continue',
    '  p=${m%.meta}; id=$(sed -n 1p "$m"); c=$(sed -n 2p "$m"); P=$(cat "$p" 2>/dev/null)',
    '  case "$P" in \'\'|*[!0-9]*) continue ;; esac',
    `  ps -p "$P" -o args= 2>/dev/null | grep -qF -- "${DETACHED_PREFIX}$id" || continue`,
    '  printf \'%s\\t%s\\t%s\\n\' "$id" "$P" "$c"',
    'done',
  ].join('\n');
}

/**
 * Removes the files of tasks that ended more than `retentionSeconds` ago (the end epoch is the
 * `.pid.age` file's second line), and of tasks that died without recording an end (killed by
 * someone else, host rebooted) once they started that long ago. Prints each removed task id.
 */
export function garbageScript(dir: string, retentionSeconds: number): string {
  return [
    'now=$(date +%s)',
    `for a in ${q(dir)}/${DETACHED_PREFIX}*.pid.age; do`,
    '  [ -f "$a" ] || continue',
    '  b=${a%.pid.age}; id=${b##*/' + DETACHED_PREFIX + '}',
    '  n=$(wc -l < "$a"); t=$(tail -n 1 "$a")',
    '  case "$t" in \'\'|*[!0-9]*) continue ;; esac',
    '  if [ "$n" -lt 2 ]; then',
    '    P=$(cat "$b.pid" 2>/dev/null)',
    `    [ -n "$P" ] && ps -p "$P" -o args= 2>/dev/null | grep -qF -- "${DETACHED_PREFIX}$id" && continue`,
    '  fi',
    `  [ $((now - t)) -gt ${Math.floor(retentionSeconds)} ] || continue`,
    '  rm -f "$b.log" "$b.log.tmp" "$b.pid" "$b.pid.meta" "$b.pid.age" "$b.pid.exit" "$b.sh"',
    '  echo "$id"',
    'done',
  ].join('\n');
}
