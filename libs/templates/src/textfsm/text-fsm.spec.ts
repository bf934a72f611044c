import { TextFsm } from './text-fsm';
import { TextFsmParseError } from './textfsm-parse.error';
import { TextFsmRow } from './textfsm.types';

// Expected rows were produced by Python textfsm 1.1.0 on the same template and text.
const rows = (template: string, text: string): TextFsmRow[] => TextFsm.parse(template).parseText(text);

describe('TextFsm', () => {
  describe('values', () => {
    it('Filldown keeps the value across records, and the implicit EOF record keeps a Filldown-only row', () => {
      const template = 'Value Filldown VRF (\\S+)\nValue ROUTE (\\S+)\n\nStart\n  ^VRF ${VRF}\n  ^route ${ROUTE} -> Record\n';
      const text = 'VRF red\nroute 10.0.0.0/8\nroute 10.1.0.0/16\nVRF blue\nroute 192.168.0.0/24\n';

      expect(rows(template, text)).toEqual([
        ['red', '10.0.0.0/8'],
        ['red', '10.1.0.0/16'],
        ['blue', '192.168.0.0/24'],
        ['blue', ''],
      ]);
    });

    it('Required drops a record whose value is empty', () => {
      const template = 'Value Required NAME (\\S+)\nValue DESC (.*)\n\nStart\n  ^name ${NAME}\n  ^desc ${DESC}\n  ^end -> Record\n';

      expect(rows(template, 'desc orphan\nend\nname eth0\ndesc uplink\nend\n')).toEqual([['eth0', 'uplink']]);
    });

    it('List collects every match of the record; a group that took no part adds null', () => {
      const template = 'Value NAME (\\S+)\nValue List MEMBERS (\\S+)\n\nStart\n  ^group ${NAME} -> Continue.Record\n  ^  member ${MEMBERS}\n';
      const optional = 'Value KEY (\\S+)\nValue List ITEMS (\\d+)\n\nStart\n  ^k ${KEY}(\\s+${ITEMS})? -> Record\n';

      expect(rows(template, 'group a\n  member x\n  member y\ngroup b\ngroup c\n  member z\n')).toEqual([
        ['a', []],
        ['b', ['x', 'y']],
        ['c', []],
        ['', ['z']],
      ]);
      expect(rows(optional, 'k a 1\nk b\n')).toEqual([
        ['a', ['1']],
        ['b', [null]],
      ]);
    });

    it('List with nested named groups adds a dict per match', () => {
      const template = 'Value List USERS ((?P<name>\\w+)\\s+(?P<age>\\d+)?)\n\nStart\n  ^user ${USERS}\n';

      expect(rows(template, 'user bob 32\nuser amy \n')).toEqual([
        [
          [
            { age: '32', name: 'bob' },
            { age: null, name: 'amy' },
          ],
        ],
      ]);
    });

    it('Required,List checks the last text matched; List,Required would check the list', () => {
      const template = 'Value Required,List L (\\S+)\nValue X (\\S+)\n\nStart\n  ^l ${L}\n  ^x ${X} -> Record\n';

      expect(rows(template, 'x 1\nl a\nx 2\n')).toEqual([[['a'], '2']]);
    });

    it('Fillup copies a value up into earlier records until one already has it', () => {
      const template = 'Value Fillup OWNER (\\S+)\nValue PORT (\\S+)\n\nStart\n  ^port ${PORT} -> Record\n  ^owner ${OWNER}\n';

      expect(rows(template, 'port 1\nport 2\nowner alice\nport 3\nowner bob\n')).toEqual([
        ['alice', '1'],
        ['alice', '2'],
        ['alice', '3'],
        ['bob', ''],
      ]);
    });

    it('Key marks values without changing the rows', () => {
      const sut = TextFsm.parse('Value Key ID (\\d+)\nValue NAME (\\S+)\n\nStart\n  ^${ID} ${NAME} -> Record\n');

      expect(sut.parseText('1 a\n2 b\n')).toEqual([
        ['1', 'a'],
        ['2', 'b'],
      ]);
      expect(sut.valuesWithOption('Key')).toEqual(['ID']);
    });

    it('keeps an empty match as a value, so the record is not all-empty', () => {
      expect(rows('Value A (\\S*)\nValue B (\\S+)\n\nStart\n  ^a=${A}; -> Record\n', 'a=;\n')).toEqual([['', '']]);
    });
  });

  describe('rules and actions', () => {
    it('Continue.Record records and keeps trying the same line on the next rules', () => {
      const template = 'Value A (\\S+)\nValue B (\\S+)\n\nStart\n  ^${A} -> Continue.Record\n  ^\\S+ ${B}\n';

      expect(rows(template, 'x y\nz w\n')).toEqual([
        ['x', ''],
        ['z', 'y'],
        ['', 'w'],
      ]);
    });

    it('Next.Record NewState records and moves to the state', () => {
      const template =
        'Value SECTION (\\S+)\nValue ITEM (\\S+)\n\nStart\n  ^begin ${SECTION} -> Next.Record Body\n\nBody\n  ^item ${ITEM} -> Record\n  ^done -> Start\n';

      expect(rows(template, 'begin one\nitem a\nitem b\ndone\nbegin two\nitem c\n')).toEqual([
        ['one', ''],
        ['', 'a'],
        ['', 'b'],
        ['two', ''],
        ['', 'c'],
      ]);
    });

    it('Clear keeps Filldown values, Clearall drops them', () => {
      const template = 'Value Filldown F (\\S+)\nValue V (\\S+)\n\nStart\n  ^f ${F}\n  ^v ${V}\n  ^clear -> Clear\n  ^clearall -> Clearall\n  ^rec -> Record\n';

      expect(rows(template, 'f 1\nv a\nclear\nrec\nf 2\nv b\nclearall\nrec\nv c\nrec\n')).toEqual([
        ['1', ''],
        ['2', ''],
        ['2', 'c'],
        ['2', ''],
      ]);
    });

    it('expands ${NAME}, $NAME and $$', () => {
      const template = 'Value V (\\S+)\n\nStart\n  ^cost \\$$${V} -> Record\n  ^x $V$$ -> Record\n';

      expect(rows(template, 'cost $5\nx 7\nx 8 trailing\n')).toEqual([['5'], ['7']]);
    });

    it('skips comment lines everywhere', () => {
      expect(rows('# header\nValue V (\\S+)\n\n# state\nStart\n  # rule\n  ^v ${V} -> Record\n', 'v 1\n')).toEqual([['1']]);
    });

    it('needs a rule to match from the start of the line, not to its end (re.match)', () => {
      expect(rows('Value V (\\d+)\n\nStart\n  ^v ${V} -> Record\n', 'v 1 trailing\nxv 2\n')).toEqual([['1']]);
    });

    it('Error raises with the rule line and the input line, and its message when given', () => {
      const sut = TextFsm.parse('Value V (\\S+)\n\nStart\n  ^v ${V} -> Record\n  ^bad -> Error "unexpected line"\n');

      expect(() => sut.parseText('v 1\nbad\n')).toThrow(new TextFsmParseError('Error: "unexpected line". Rule Line: 5. Input Line: bad.', 5, 'bad'));
      expect(() => TextFsm.parse('Value V (\\S+)\n\nStart\n  ^bad -> Error\n').parseText('bad input')).toThrow(
        'State Error raised. Rule Line: 4. Input Line: bad input',
      );
    });
  });

  describe('end of input', () => {
    const values = 'Value V (\\S+)\n\nStart\n';

    it('records the last values at EOF unless an empty EOF state is declared', () => {
      expect(rows(`${values}  ^v \${V} -> NoRecord\n`, 'v 1\nv 2\n')).toEqual([['2']]);
      expect(rows(`${values}  ^v \${V}\n\nEOF\n`, 'v 1\nv 2\n')).toEqual([]);
    });

    it('skips the EOF record with eof: false (a partial text)', () => {
      expect(TextFsm.parse(`${values}  ^v \${V}\n`).parseText('v 1\n', { eof: false })).toEqual([]);
    });

    it('stops at End without the EOF record, and at EOF with it', () => {
      expect(rows(`${values}  ^v \${V} -> Record\n  ^stop -> End\n`, 'v 1\nstop\nv 2\n')).toEqual([['1']]);
      expect(rows(`${values}  ^v \${V}\n  ^stop -> EOF\n`, 'v 1\nstop\nv 2\n')).toEqual([['1']]);
    });

    it('splits lines like str.splitlines()', () => {
      expect(rows(`${values}  ^v \${V}$$ -> Record\n`, 'v 1\r\nv 2\rv 3\u2028v 4\n')).toEqual([['1'], ['2'], ['3'], ['4']]);
    });
  });

  describe('Python regex semantics', () => {
    it('uses Unicode \\w and \\d', () => {
      expect(rows('Value W (\\w+)\nValue D (\\d+)\n\nStart\n  ^${W}\\s${D} -> Record\n', 'Grüße ٣4\nnaïve 12\n')).toEqual([
        ['Grüße', '٣4'],
        ['naïve', '12'],
      ]);
    });

    it('keeps a capture from an earlier iteration of a repeat (JS would clear it)', () => {
      const template = 'Value CAP (\\w+)\nValue IF (\\S+)\n\nStart\n  ^${IF}\\s+(${CAP}?\\s)+\\s+end -> Record\n';

      expect(rows(template, 'eth1 BR  end\n')).toEqual([['BR', 'eth1']]);
    });
  });

  describe('parseTextToDicts', () => {
    it('keys each row by value name as written in the template', () => {
      const sut = TextFsm.parse('Value Mixed_Case (\\S+)\nValue List ITEMS (\\d+)\n\nStart\n  ^${Mixed_Case} ${ITEMS} -> Record\n');

      expect(sut.header).toEqual(['Mixed_Case', 'ITEMS']);
      expect(sut.parseTextToDicts('a 1\n')).toEqual([{ ITEMS: ['1'], Mixed_Case: 'a' }]);
    });
  });

  it('can be reused: each parse starts from a fresh state', () => {
    const sut = TextFsm.parse('Value Filldown V (\\S+)\nValue W (\\S+)\n\nStart\n  ^v ${V}\n  ^w ${W} -> Record\n');

    expect(sut.parseText('v 1\nw a\n')).toEqual([['1', 'a'], ['1', '']]);
    expect(sut.parseText('w b\n')).toEqual([['', 'b']]);
  });
});
