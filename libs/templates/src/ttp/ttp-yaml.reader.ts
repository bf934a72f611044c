import { PythonLiteralParser } from './ttp-python-literal.parser';
import { PyDict, PyValue } from './ttp-python.values';
import { TtpError } from './ttp.error';

interface Line {
  readonly indent: number;
  readonly text: string;
}

/**
 * The YAML subset TTP templates use in `<vars>` and `<lookup>`: nested block mappings and lists,
 * plain, quoted and flow (`[a, b]`, `{k: v}`) scalars.
 */
export function parseSimpleYaml(text: string): PyValue {
  const lines: Line[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const noComment = raw.replace(/\s+#.*$/, '');
    if (noComment.trim() === '' || noComment.trim().startsWith('#') || noComment.trim() === '---') continue;
    lines.push({ indent: noComment.length - noComment.trimStart().length, text: noComment.trim() });
  }
  if (lines.length === 0) return null;
  const [value] = block(lines, 0, lines[0].indent);
  return value;
}

function block(lines: Line[], from: number, indent: number): [PyValue, number] {
  if (lines[from].text.startsWith('- ') || lines[from].text === '-') {
    const list: PyValue[] = [];
    let i = from;
    while (i < lines.length && lines[i].indent === indent && (lines[i].text.startsWith('- ') || lines[i].text === '-')) {
      const rest = lines[i].text.slice(1).trim();
      if (rest === '') {
        const [v, next] = block(lines, i + 1, lines[i + 1]?.indent ?? indent + 2);
        list.push(v);
        i = next;
      } else if (/^[^'"[{][^:]*:(\s|$)/.test(rest)) {
        const sub: Line[] = [{ indent: indent + 2, text: rest }];
        let j = i + 1;
        while (j < lines.length && lines[j].indent > indent) sub.push(lines[j++]);
        list.push(block(sub, 0, indent + 2)[0]);
        i = j;
      } else {
        list.push(scalar(rest));
        i += 1;
      }
    }
    return [list, i];
  }
  const map: PyDict = {};
  let i = from;
  while (i < lines.length && lines[i].indent === indent) {
    const m = /^("[^"]*"|'[^']*'|[^:]+?)\s*:(?:\s+(.*))?$/.exec(lines[i].text);
    if (!m) throw new TtpError(`unsupported YAML line ${JSON.stringify(lines[i].text)}`);
    const key = String(scalar(m[1]));
    if (m[2] !== undefined && m[2] !== '') {
      map[key] = scalar(m[2]);
      i += 1;
    } else if (i + 1 < lines.length && lines[i + 1].indent > indent) {
      const [v, next] = block(lines, i + 1, lines[i + 1].indent);
      map[key] = v;
      i = next;
    } else if (i + 1 < lines.length && lines[i + 1].indent === indent && lines[i + 1].text.startsWith('- ')) {
      const [v, next] = block(lines, i + 1, indent);
      map[key] = v;
      i = next;
    } else {
      map[key] = null;
      i += 1;
    }
  }
  return [map, i];
}

function scalar(text: string): PyValue {
  const t = text.trim();
  if (/^(['"]).*\1$/.test(t)) {
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    return JSON.parse(t) as string;
  }
  if (t.startsWith('[') || t.startsWith('{')) {
    try {
      return PythonLiteralParser.value(t.replace(/\btrue\b/g, 'True').replace(/\bfalse\b/g, 'False').replace(/\bnull\b/g, 'None'));
    } catch {
      return t;
    }
  }
  if (/^(true|True|TRUE)$/.test(t)) return true;
  if (/^(false|False|FALSE)$/.test(t)) return false;
  if (/^(null|Null|NULL|~)$/.test(t) || t === '') return null;
  if (/^[-+]?\d+$/.test(t)) return Number(t);
  if (/^[-+]?(\d+\.\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
  return t;
}
