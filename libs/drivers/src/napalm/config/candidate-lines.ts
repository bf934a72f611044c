/**
 * Configuration text as lines to type into a Cisco-style CLI: comments (`!`), blank lines and `end`
 * dropped, and an `exit` wherever the indentation closes a stanza, so a statement that follows a
 * stanza lands at the level its indentation gives it (typing leaves sub-modes only on the device's
 * own guess otherwise).
 */
export function candidateLines(lines: readonly string[]): string[] {
  const body = lines.flatMap((l) => l.split('\n')).map((l) => l.replace(/\s+$/, '')).filter((l) => l.trim() !== '' && !/^\s*!/.test(l) && l.trim() !== 'end');
  const out: string[] = [];
  const open: number[] = [];
  const indent = (l: string): number => l.length - l.trimStart().length;
  body.forEach((line, i) => {
    const depth = indent(line);
    while (open.length > 0 && (open.at(-1) as number) >= depth) {
      open.pop();
      out.push('exit');
    }
    out.push(line.trim());
    const next = body[i + 1];
    if (next !== undefined && indent(next) > depth) open.push(depth);
  });
  return out;
}

/** `revert_in` seconds as the `hh:mm:ss` of an EOS commit timer. */
export function hhmmss(seconds: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}
