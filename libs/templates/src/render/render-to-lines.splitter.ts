/**
 * Splits a rendered template into the lines sent to the device (the original sends the
 * whole rendered text as one "line"). Line breaks may be `\n`, `\r\n` or `\r`; no `\r` is left in a
 * line. Empty and whitespace-only lines are dropped: a device would take them as a bare Enter, and
 * templates produce them wherever a tag stood on its own line. Other lines are kept exactly,
 * indentation included (some CLIs read it).
 */
export function renderToLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '');
}
