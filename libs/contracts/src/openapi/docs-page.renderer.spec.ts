import 'reflect-metadata';
import { runInNewContext } from 'node:vm';
import { renderDocsHtml } from './docs-page.renderer';
import { buildOpenApiDocument } from './openapi.document';

/** Just enough DOM for the page script: elements, text nodes, attributes, one event. */
class FakeNode {
  attrs: Record<string, string> = {};
  children: FakeNode[] = [];
  className = '';
  listeners: Record<string, (e: { preventDefault: () => void }) => void> = {};
  private text = '';
  value = '';

  constructor(
    readonly nodeType: 1 | 3,
    readonly tag: string,
    text = '',
  ) {
    this.text = text;
  }

  appendChild(c: FakeNode): FakeNode {
    this.children.push(c);
    return c;
  }

  setAttribute(k: string, v: string): void {
    this.attrs[k] = v;
  }

  addEventListener(ev: string, fn: (e: { preventDefault: () => void }) => void): void {
    this.listeners[ev] = fn;
  }

  get textContent(): string {
    return this.text + this.children.map((c) => c.textContent).join('');
  }

  set textContent(v: string) {
    this.children = [];
    this.text = v;
  }

  all(): FakeNode[] {
    return [this, ...this.children.flatMap((c) => c.all())];
  }
}

interface FetchCall {
  headers: Record<string, string>;
  url: string;
}

async function runPage(html: string, answer: (call: FetchCall) => { body?: unknown; status: number }): Promise<{ calls: FetchCall[]; root: FakeNode }> {
  const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? '';
  const root = new FakeNode(1, 'main');
  const calls: FetchCall[] = [];
  const document = {
    createElement: (tag: string) => new FakeNode(1, tag),
    createTextNode: (t: string) => new FakeNode(3, '#text', t),
    getElementById: (id: string) => (id === 'np-root' ? root : null),
  };
  const fetch = (url: string, init: { headers: Record<string, string> }) => {
    const call = { url, headers: init.headers };
    calls.push(call);
    const a = answer(call);
    return Promise.resolve({ status: a.status, ok: a.status < 300, json: () => Promise.resolve(a.body) });
  };
  runInNewContext(script, { document, fetch });
  await new Promise((r) => setTimeout(r, 20));
  return { root, calls };
}

describe('renderDocsHtml', () => {
  const doc = buildOpenApiDocument({ version: '0.1.0' });

  it('is self-contained: no external scripts, styles or fetches', () => {
    const html = renderDocsHtml('/openapi.json');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
  });

  it('escapes the spec URL and title for HTML and script contexts', () => {
    const html = renderDocsHtml('/x</script><script>alert(1)</script>$&', { title: '<b>T</b>' });
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).toContain('<title>&#60;b&#62;T&#60;/b&#62;</title>');
    expect(html).toContain('"/x\\u003c/script>\\u003cscript>alert(1)\\u003c/script>$&"');
  });

  it('lists every operation and schema of the document', async () => {
    const { root, calls } = await runPage(renderDocsHtml('/openapi.json'), () => ({ status: 200, body: doc }));
    expect(calls).toEqual([{ url: '/openapi.json', headers: { Accept: 'application/json' } }]);
    const ids = new Set(root.all().map((n) => n.attrs.id).filter(Boolean));
    for (const item of Object.values(doc.paths)) for (const op of Object.values(item)) expect(ids).toContain(`op-${op.operationId}`);
    for (const name of Object.keys(doc.components.schemas)) expect(ids).toContain(`schema-${name}`);
    const text = root.textContent;
    expect(text).toContain('/device/exec');
    expect(text).toContain('"127.0.0.1"');
    expect(root.all().filter((n) => n.tag === 'a' && n.attrs.href === '#schema-JobInResponse').length).toBeGreaterThan(0);
  });

  it('asks for the API key when the document is protected, then sends it under the configured name', async () => {
    const { root, calls } = await runPage(renderDocsHtml('/openapi.json', { apiKeyName: 'X-Token' }), (c) => (c.headers['X-Token'] === 'k-1' ? { status: 200, body: doc } : { status: 403 }));
    const form = root.all().find((n) => n.tag === 'form');
    expect(form).toBeDefined();
    const input = root.all().find((n) => n.tag === 'input') as FakeNode;
    input.value = 'k-1';
    form?.listeners.submit({ preventDefault: () => undefined });
    await new Promise((r) => setTimeout(r, 20));
    expect(calls[1].headers).toEqual({ Accept: 'application/json', 'X-Token': 'k-1' });
    expect(root.textContent).toContain('NetPulse API 0.1.0');
  });

  it('says so when the document cannot be loaded', async () => {
    const { root } = await runPage(renderDocsHtml('/openapi.json'), () => ({ status: 500 }));
    expect(root.textContent).toContain('Could not load /openapi.json: HTTP 500');
  });
});
