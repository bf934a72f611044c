/** Unanswered output kept for matching; a prompt is at the end of what was printed. */
const MAX_WINDOW = 65536;

interface Rule {
  text: string;
  regex: RegExp | null;
  reply: string;
}

/**
 * `driver_args.expect_map`: each key is a prompt given as a regular expression or as
 * plain text, each value the line to answer. Keys are tried both ways because prompt text such as
 * `Continue? [y/n]` is a valid regex that does not match itself. Output is consumed up to each
 * match, so one prompt is answered once, and a prompt asked again is answered again.
 */
export class ExpectMatcher {
  private readonly rules: Rule[];
  private window = '';

  constructor(map: Record<string, string>) {
    this.rules = Object.entries(map)
      .filter(([text]) => text.length > 0)
      .map(([text, reply]) => ({ text, regex: compile(text), reply: String(reply) }));
  }

  /** Takes new output; returns the replies (without line ending) to send, in order. */
  feed(text: string): string[] {
    this.window = (this.window + text).slice(-MAX_WINDOW);
    const replies: string[] = [];
    for (;;) {
      const hit = this.earliest();
      if (!hit) break;
      replies.push(hit.reply);
      this.window = this.window.slice(hit.end);
    }
    return replies;
  }

  private earliest(): { end: number; reply: string } | null {
    let best: { start: number; end: number; reply: string } | null = null;
    for (const r of this.rules) {
      for (const m of [literal(this.window, r.text), r.regex ? pattern(this.window, r.regex) : null]) {
        if (m && (best === null || m.start < best.start)) best = { ...m, reply: r.reply };
      }
    }
    return best;
  }
}

function compile(text: string): RegExp | null {
  try {
    return new RegExp(text);
  } catch {
    return null;
  }
}

function literal(window: string, text: string): { start: number; end: number } | null {
  const i = window.indexOf(text);
  return i < 0 ? null : { start: i, end: i + text.length };
}

function pattern(window: string, re: RegExp): { start: number; end: number } | null {
  const m = re.exec(window);
  // An empty match (`a*`) would answer forever without consuming output.
  if (!m || m[0].length === 0) return null;
  return { start: m.index, end: m.index + m[0].length };
}
