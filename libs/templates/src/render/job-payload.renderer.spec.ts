import { JobPayloadRenderer, JobTemplateRender } from './job-payload.renderer';

/** Records what it renders; renders `<template>|<context as JSON>` so each case shows what went in. */
class RecordingRender implements JobTemplateRender {
  readonly calls: { kind: 'source' | 'inline'; template: string; context: Record<string, unknown> }[] = [];
  async source(template: string, context: Record<string, unknown>): Promise<string> {
    this.calls.push({ context, kind: 'source', template });
    return template.replace(/\{\{ (\w+) \}\}/g, (_m, k: string) => String(context[k] ?? ''));
  }
  async inline(template: string, context: Record<string, unknown>): Promise<string> {
    this.calls.push({ context, kind: 'inline', template });
    return template.replace(/\{\{ (\w+) \}\}/g, (_m, k: string) => String(context[k] ?? ''));
  }
}

describe('JobPayloadRenderer', () => {
  const input = { driver_args: null, file_transfer: null };

  it('merges an object payload over rendering.context (payload wins) and splits the result into lines', async () => {
    const render = new RecordingRender();
    const sut = new JobPayloadRenderer(render);
    const out = await sut.renderJob({
      ...input,
      payload: { vlan: 20 },
      rendering: { context: { name: 'users', vlan: 10 }, template: 'vlan {{ vlan }}\n name {{ name }}\n\n' },
    });
    expect(out.lines).toEqual(['vlan 20', ' name users']);
    expect(render.calls[0]).toEqual({ context: { name: 'users', vlan: 20 }, kind: 'source', template: 'vlan {{ vlan }}\n name {{ name }}\n\n' });
  });

  it('uses a string or list payload as the template when rendering.template is absent', async () => {
    const sut = new JobPayloadRenderer(new RecordingRender());
    await expect(sut.renderJob({ ...input, payload: 'show {{ what }}', rendering: { context: { what: 'clock' } } })).resolves.toMatchObject({ lines: ['show clock'] });
    await expect(sut.renderJob({ ...input, payload: ['a {{ x }}', 'b {{ x }}'], rendering: { context: { x: 1 } } })).resolves.toMatchObject({ lines: ['a 1', 'b 1'] });
  });

  it('renders rendering.template in place of a string payload when both are given', async () => {
    const sut = new JobPayloadRenderer(new RecordingRender());
    await expect(sut.renderJob({ ...input, payload: 'ignored', rendering: { context: { x: 2 }, template: 'use {{ x }}' } })).resolves.toMatchObject({ lines: ['use 2'] });
  });

  it('fails an object payload without a template', async () => {
    const sut = new JobPayloadRenderer(new RecordingRender());
    await expect(sut.renderJob({ ...input, payload: { a: 1 }, rendering: {} })).rejects.toThrow('Template source is required');
  });

  it('renders script_content and file paths inline with the same context, and leaves other fields alone', async () => {
    const render = new RecordingRender();
    const sut = new JobPayloadRenderer(render);
    const out = await sut.renderJob({
      driver_args: { script_content: 'echo {{ host }}', timeout: 5 },
      file_transfer: { local_path: '/tmp/{{ host }}.cfg', operation: 'upload', remote_path: '/srv/{{ host }}' },
      payload: null,
      rendering: { context: { host: 'r1' } },
    });
    expect(out.lines).toEqual([]);
    expect(out.driver_args).toEqual({ script_content: 'echo r1', timeout: 5 });
    expect(out.file_transfer).toEqual({ local_path: '/tmp/r1.cfg', operation: 'upload', remote_path: '/srv/r1' });
    expect(render.calls.every((c) => c.kind === 'inline')).toBe(true);
  });
});
