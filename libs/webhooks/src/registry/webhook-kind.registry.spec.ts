import { WebhookSender } from '../sender/webhook.sender';
import type { WebhookKind } from './webhook-kind.types';
import { WebhookKindRegistry } from './webhook-kind.registry';

describe('WebhookKindRegistry', () => {
  const sut = (): WebhookKindRegistry => WebhookKindRegistry.withBuiltins({ sender: new WebhookSender({ allowedTargets: ['127.0.0.0/8'] }) });

  it('knows the built-in kind basic', () => {
    expect(sut().names()).toEqual(['basic']);
    expect(sut().require('basic').name).toBe('basic');
  });

  it('fails at startup on a duplicate name', () => {
    const dup: WebhookKind = { deliver: async () => ({ durationMs: 0, status: 200 }), name: 'basic' };
    expect(() => sut().register(dup)).toThrow('webhook kind basic is registered twice');
  });

  it('names the known kinds when a lookup fails', () => {
    expect(() => sut().require('slack')).toThrow('Webhook slack not found (known: basic)');
    expect(sut().get('slack')).toBeUndefined();
  });
});
