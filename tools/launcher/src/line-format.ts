/** Turns one JSON log line into a short human line: `12:00:01 info  job enqueued job_id=… queue=FifoQ`. */
export function humanLine(line: string): string {
  let rec: Record<string, unknown>;
  try {
    rec = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  if (typeof rec !== 'object' || rec === null || typeof rec.msg !== 'string') return line;
  const { time, level, msg, app: _app, ...rest } = rec;
  const t = typeof time === 'string' ? time.slice(11, 19) : '';
  const fields = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${t} ${String(level).padEnd(5)} ${msg}${fields ? ` ${fields}` : ''}`;
}
