import { Injectable } from '@nestjs/common';
import { ApiError } from '@netpulse/contracts';
import { AllowedTargetsPolicy, OutboundTarget, connectionTargets, urlHost } from '@netpulse/net-policy';
import { TemplateEngines } from '@netpulse/templates';

/** The parts of a job that name something it will connect to. */
export interface OutboundParts {
  readonly connection_args: Readonly<Record<string, unknown>>;
  readonly webhook?: Readonly<Record<string, unknown>> | null;
  readonly rendering?: Readonly<Record<string, unknown>> | null;
  readonly parsing?: Readonly<Record<string, unknown>> | null;
}

/**
 * Refuses a request, before anything is queued, when any address its job would connect to is not
 * allowed: the device and its jump host and the webhook URL (`security.allowed_targets`), and template
 * URLs (`templates.remote`, `templates.allowed_targets`, never the system's own ports). Each is checked
 * again when the worker connects or fetches. 400 naming the field.
 */
@Injectable()
export class OutboundTargetsCheck {
  constructor(
    private readonly policy: AllowedTargetsPolicy,
    private readonly engines: TemplateEngines,
  ) {}

  /** @throws ApiError 400 naming the first refused field */
  async assertAllowed(parts: OutboundParts): Promise<void> {
    const targets: OutboundTarget[] = connectionTargets(parts.connection_args);
    const webhookHost = urlHost(parts.webhook?.url);
    if (webhookHost !== null) targets.push({ field: 'webhook.url', host: webhookHost });
    const refused = await this.policy.firstRefusal(targets);
    if (refused) throw ApiError.badRequest(refused.message);
    for (const field of ['rendering', 'parsing'] as const) {
      const why = await this.engines.sourceRefusal(parts[field]?.template);
      if (why) throw ApiError.badRequest(`${field}.template: ${why}`);
    }
  }
}
