import { Jinja2Renderer } from './jinja2.renderer';
import { TemplateRenderError } from './template-render.error';

describe('Jinja2Renderer', () => {
  const sut = new Jinja2Renderer();
  const render = (template: string, context: Record<string, unknown> = {}, options: Record<string, unknown> = {}): Promise<string> =>
    sut.render(template, context, options);

  describe('Jinja2 semantics', () => {
    it('loops over lists and dicts, with loop variables and for-else', async () => {
      await expect(render('{% for v in vlans %}vlan {{ v }}{% if not loop.last %},{% endif %}{% endfor %}', { vlans: [10, 20] })).resolves.toBe('vlan 10,vlan 20');
      await expect(render('{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}', { d: { a: 1, b: 'x' } })).resolves.toBe('a=1;b=x;');
      await expect(render('{% for i in items %}{{ loop.index }}/{{ loop.length }} {% else %}empty{% endfor %}', { items: [] })).resolves.toBe('empty');
      await expect(render('{% for i in range(3) %}{{ i }}{% endfor %}')).resolves.toBe('012');
    });

    it('branches with if/elif/else, tests and operators', async () => {
      const t = '{% if mode == "access" %}A{% elif mode in ["trunk", "hybrid"] %}T{% else %}?{% endif %}';
      await expect(render(t, { mode: 'access' })).resolves.toBe('A');
      await expect(render(t, { mode: 'hybrid' })).resolves.toBe('T');
      await expect(render(t, {})).resolves.toBe('?');
      await expect(render('{% if x is none %}none{% endif %}{% if y is defined %}def{% endif %}{% if 3 not in [1] %}!{% endif %}', { x: null })).resolves.toBe('none!');
      await expect(render('{{ 7 // 2 }} {{ 2 ** 3 }} {{ "a" ~ 1 }}')).resolves.toBe('3 8 a1');
    });

    it('applies the common filters', async () => {
      const ctx = { name: ' Gi0/1 ', list: ['a', 'b', 'c'], empty: '' };
      await expect(render('{{ name | upper }}|{{ name | lower }}|{{ name | trim }}', ctx)).resolves.toBe(' GI0/1 | gi0/1 |Gi0/1');
      await expect(render('{{ list | join(",") }}|{{ list | length }}|{{ list | count }}', ctx)).resolves.toBe('a,b,c|3|3');
      await expect(render('{{ missing | default("n/a") }}|{{ empty | default("n/a") }}|{{ empty | default("n/a", true) }}', ctx)).resolves.toBe('n/a||n/a');
      await expect(render('{{ name | replace("/", "_") | trim }}', ctx)).resolves.toBe('Gi0_1');
      await expect(render('{{ "a-b-c" | replace("-", "+", 1) }}')).resolves.toBe('a+b-c');
    });

    it('calls Python str methods with Python semantics, and supports negative indexes and slices', async () => {
      const ctx = { port: 'GigabitEthernet0/1/2' };
      await expect(render('{{ port.split("/")[-1] }} {{ port.upper() }} {{ port.startswith("Gig") }}', ctx)).resolves.toBe('2 GIGABITETHERNET0/1/2 True');
      await expect(render('{{ "a b  c".split() }} {{ "a.b.c".replace(".", ":") }} {{ "x".center(5, "*") }}')).resolves.toBe("['a', 'b', 'c'] a:b:c **x**");
      await expect(render('{{ port[0:4] }} {{ [1, 2, 3][1:] }}', ctx)).resolves.toBe('Giga [2, 3]');
    });

    it('renders an undefined name empty and autoescapes nothing', async () => {
      await expect(render('[{{ nothing }}][{{ d.missing }}][{{ n.attr }}]', { d: {}, n: null })).resolves.toBe('[][][]');
      await expect(render('{{ nothing.deeper }}')).rejects.toThrow("UndefinedError: cannot read 'deeper' of an undefined value");
      await expect(render('{{ html }}', { html: '<b>&"' })).resolves.toBe('<b>&"');
    });

    it('prints values as Python does: None, True, lists and dicts', async () => {
      await expect(render('{{ a }} {{ b }} {{ c }} {{ d }} {{ e }}', { a: null, b: true, c: ['x', 1, false], d: { k: 'v' }, e: 1.5 })).resolves.toBe(
        "None True ['x', 1, False] {'k': 'v'} 1.5",
      );
      await expect(render('{{ True }} {{ None }} {{ False }}')).resolves.toBe('True None False');
    });

    it('supports macros, set blocks and filter blocks', async () => {
      const t = '{% macro intf(n) %}interface {{ n }}{% endmacro %}{% set d %}desc{% endset %}{{ intf("e1") }} {{ d }} {% filter upper %}x{% endfilter %}';
      await expect(render(t)).resolves.toBe('interface e1 desc X');
    });

    it('does not change the caller’s context when the template mutates it', async () => {
      const ctx = { d: { a: 1 }, l: [1] };
      await render('{% set _ = d.update({"b": 2}) %}{% set _ = l.append(2) %}', ctx);
      expect(ctx).toEqual({ d: { a: 1 }, l: [1] });
    });
  });

  describe('constructs nunjucks would render differently', () => {
    it('refuses a loop filter instead of looping over nothing', async () => {
      await expect(render('a\n{% for i in items if i > 1 %}{{ i }}{% endfor %}', { items: [1, 2] })).rejects.toThrow(
        '[Line 2] a loop filter (`for ... in ... if ...`) is not supported',
      );
      await expect(render('{% for i in (items if items else []) %}{{ i }}{% endfor %}', { items: [1] })).resolves.toBe('1');
    });

    it('refuses % on a string literal, and offers the format filter with Python semantics', async () => {
      await expect(render('{{ "%s/%s" % (a, b) }}')).rejects.toThrow('`%` string formatting is not supported; use the format filter');
      await expect(render('{{ 7 % 4 }} {{ "100%" }}')).resolves.toBe('3 100%');
      const t = '{{ "%s-%02d|%5.1f|%-4s|%x|%X|%o|%+d|%r|%%" | format(a, 7, 3.14159, "ab", 255, 255, 8, 5, "q") }}';
      await expect(render(t, { a: null })).resolves.toBe("None-07|  3.1|ab  |ff|FF|10|+5|'q'|%");
      await expect(render('{{ "%s %s" | format(True, [1, "a"]) }} {{ "%05d" | format(-42) }}')).resolves.toBe("True [1, 'a'] -0042");
      await expect(render('{{ "%s %s" | format(1) }}')).rejects.toThrow('not enough arguments for format string');
      await expect(render('{{ "%(n)s" | format(1) }}')).rejects.toThrow('format spec %(n)s is not supported');
    });
  });

  describe('whitespace and newlines', () => {
    const loop = '{% for i in items %}\n  {% if i %}\n  - {{ i }}\n  {% endif %}\n{% endfor %}\n';

    it('drops one trailing newline by default and keeps it with keep_trailing_newline', async () => {
      await expect(render('line\n')).resolves.toBe('line');
      await expect(render('line\n\n')).resolves.toBe('line\n');
      await expect(render('line\n', {}, { keep_trailing_newline: true })).resolves.toBe('line\n');
      await expect(render('{{ x }}', { x: 'from a variable\n' })).resolves.toBe('from a variable\n');
    });

    it('keeps block lines without trim_blocks/lstrip_blocks, as Jinja2 does', async () => {
      await expect(render(loop, { items: ['a'] })).resolves.toBe('\n  \n  - a\n  \n');
    });

    it('trims blocks with trim_blocks + lstrip_blocks', async () => {
      await expect(render(loop, { items: ['a', 'b'] }, { lstrip_blocks: true, trim_blocks: true })).resolves.toBe('  - a\n  - b\n');
    });

    it('honours {%- -%} whitespace control', async () => {
      await expect(render('a\n  {%- if true -%}\n  b\n{%- endif %}')).resolves.toBe('ab');
    });

    it('normalises the template’s line breaks to newline_sequence', async () => {
      await expect(render('a\r\nb\rc\n')).resolves.toBe('a\nb\nc');
      await expect(render('a\nb\n{{ x }}', { x: 'v\nw' }, { newline_sequence: '\r\n' })).resolves.toBe('a\r\nb\r\nv\nw');
      await expect(render('{% if 1 %}\na\n{% endif %}\nb', {}, { newline_sequence: '\r\n', trim_blocks: true })).resolves.toBe('a\r\nb');
    });
  });

  describe('custom delimiters', () => {
    it('uses the block, variable and comment strings from the options', async () => {
      const options = {
        block_end_string: '%>',
        block_start_string: '<%',
        comment_end_string: '#>',
        comment_start_string: '<#',
        variable_end_string: ']]',
        variable_start_string: '[[',
      };
      await expect(render('<% for v in l %>[[ v ]]<# note #><% endfor %> {{ literal }}', { l: [1, 2] }, options)).resolves.toBe('12 {{ literal }}');
    });
  });

  describe('errors', () => {
    it('refuses bad and unserved options by name', async () => {
      await expect(render('x', {}, { trim_blocks: 'yes' })).rejects.toThrow('rendering.args.trim_blocks must be a boolean');
      await expect(render('x', {}, { newline_sequence: '\t' })).rejects.toThrow('rendering.args.newline_sequence must be one of');
      await expect(render('x', {}, { line_statement_prefix: '#' })).rejects.toThrow('rendering.args.line_statement_prefix is not supported');
      await expect(render('x', {}, { variable_start_string: '' })).rejects.toThrow('rendering.args.variable_start_string must be a non-empty string');
    });

    it('ignores options it does not know, as the original does', async () => {
      await expect(render('{{ x }}', { x: 1 }, { autoescape: true, unknown: 1 })).resolves.toBe('1');
    });

    it('reports syntax and runtime errors as TemplateRenderError with the position', async () => {
      await expect(render('{% if x %}no end')).rejects.toBeInstanceOf(TemplateRenderError);
      await expect(render('{{ foo( }}')).rejects.toThrow('Jinja2 template error: [Line 1, Column 9] unexpected token: }}');
      await expect(render('{{ "a".split("") }}')).rejects.toThrow('empty separator');
    });

    it('has status 400 for the HTTP layer', async () => {
      await expect(render('{% endif %}')).rejects.toMatchObject({ name: 'TemplateRenderError', status: 400 });
    });
  });
});
