import { TtpError } from './ttp.error';

/** An XML element as Python's ElementTree gives it: text before the first child, tail after it. */
export interface XmlElement {
  readonly tag: string;
  readonly attrib: Record<string, string>;
  text: string | null;
  tail: string | null;
  readonly children: XmlElement[];
}

const NAME = /[A-Za-z_:][\w.:-]*/y;
const SPACE = /\s*/y;
const EQUALS = /\s*=\s*(["'])/y;
const CLOSE = /\s*>/y;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', apos: "'", gt: '>', lt: '<', quot: '"' };

/** A strict, small XML reader with ElementTree's text/tail model (what `ET.XML` accepts, it accepts). */
export class XmlReader {
  private pos = 0;

  private constructor(private readonly src: string) {}

  /** @throws TtpError (with the offending line) when the text is not one well-formed XML element */
  static parse(text: string): XmlElement {
    const reader = new XmlReader(text.replace(/\r\n?/g, '\n'));
    reader.misc(true);
    if (reader.src[reader.pos] !== '<') throw reader.fail(reader.pos >= reader.src.length ? 'no element found' : 'syntax error');
    const root = reader.element();
    reader.misc(false);
    if (reader.pos < reader.src.length) throw reader.fail('junk after document element');
    return root;
  }

  private misc(prolog: boolean): void {
    for (;;) {
      const ws = this.at(SPACE);
      this.pos += ws ? ws[0].length : 0;
      if (this.src.startsWith('<!--', this.pos)) this.comment();
      else if (this.src.startsWith('<?', this.pos)) this.instruction();
      else if (prolog && this.src.startsWith('<!DOCTYPE', this.pos)) this.skipTo('>');
      else return;
    }
  }

  private element(): XmlElement {
    this.pos += 1;
    const name = this.at(NAME);
    if (!name) throw this.fail('not well-formed (invalid token)');
    this.pos += name[0].length;
    const attrib: Record<string, string> = {};
    for (;;) {
      const ws = this.at(SPACE);
      const spaced = (ws?.[0].length ?? 0) > 0;
      this.pos += ws ? ws[0].length : 0;
      if (this.src.startsWith('/>', this.pos)) {
        this.pos += 2;
        return { attrib, children: [], tag: name[0], tail: null, text: null };
      }
      if (this.src[this.pos] === '>') {
        this.pos += 1;
        break;
      }
      const attr = this.at(NAME);
      if (!attr || !spaced) throw this.fail('not well-formed (invalid token)');
      this.pos += attr[0].length;
      const eq = this.at(EQUALS);
      if (!eq) throw this.fail('not well-formed (invalid token)');
      this.pos += eq[0].length;
      const end = this.src.indexOf(eq[1], this.pos);
      if (end < 0) throw this.fail('unclosed token');
      const raw = this.src.slice(this.pos, end);
      if (raw.includes('<')) throw this.fail('not well-formed (invalid token)');
      if (attr[0] in attrib) throw this.fail('duplicate attribute');
      attrib[attr[0]] = this.decode(raw).replace(/[\t\n]/g, ' ');
      this.pos = end + 1;
    }
    const element: XmlElement = { attrib, children: [], tag: name[0], tail: null, text: null };
    let text: string | null = null;
    const append = (chunk: string): void => {
      if (chunk === '') return;
      const last = element.children[element.children.length - 1];
      if (last) last.tail = (last.tail ?? '') + chunk;
      else text = (text ?? '') + chunk;
    };
    for (;;) {
      const lt = this.src.indexOf('<', this.pos);
      if (lt < 0) throw this.fail('no element found');
      append(this.decode(this.src.slice(this.pos, lt)));
      this.pos = lt;
      if (this.src.startsWith('</', this.pos)) {
        this.pos += 2;
        const close = this.at(NAME);
        if (!close || close[0] !== name[0]) throw this.fail('mismatched tag');
        this.pos += close[0].length;
        const end = this.at(CLOSE);
        if (!end) throw this.fail('not well-formed (invalid token)');
        this.pos += end[0].length;
        element.text = text;
        return element;
      }
      if (this.src.startsWith('<!--', this.pos)) this.comment();
      else if (this.src.startsWith('<![CDATA[', this.pos)) {
        const end = this.src.indexOf(']]>', this.pos);
        if (end < 0) throw this.fail('unclosed CDATA section');
        append(this.src.slice(this.pos + 9, end));
        this.pos = end + 3;
      } else if (this.src.startsWith('<?', this.pos)) this.instruction();
      else {
        element.text = text;
        element.children.push(this.element());
      }
    }
  }

  /** The sticky `re` matched at the current position (no copy of the rest of the text). */
  private at(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.pos;
    return re.exec(this.src);
  }

  private decode(raw: string): string {
    return raw.replace(/&([^;&\s]*);?/g, (whole, name: string) => {
      if (!whole.endsWith(';')) throw this.fail('not well-formed (invalid token)');
      if (name in ENTITIES) return ENTITIES[name];
      const num = /^#(x[0-9a-fA-F]+|\d+)$/.exec(name);
      if (num) return String.fromCodePoint(num[1].startsWith('x') ? parseInt(num[1].slice(1), 16) : Number(num[1]));
      throw this.fail(`undefined entity &${name};`);
    });
  }

  private comment(): void {
    const end = this.src.indexOf('-->', this.pos + 4);
    if (end < 0) throw this.fail('unclosed comment');
    this.pos = end + 3;
  }

  private instruction(): void {
    this.skipTo('?>');
  }

  private skipTo(marker: string): void {
    const end = this.src.indexOf(marker, this.pos);
    if (end < 0) throw this.fail('unclosed token');
    this.pos = end + marker.length;
  }

  private fail(reason: string): TtpError {
    const before = this.src.slice(0, this.pos);
    const line = before.split('\n').length;
    const column = this.pos - before.lastIndexOf('\n');
    return new TtpError(`${reason}: line ${line}, column ${column}`);
  }
}
