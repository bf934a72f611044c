/**
 * A request's `webhook`, as the controller validated it (`WebhookDto`). Fields are
 * optional where the contract has a default; the defaults are applied where they are used.
 */
export interface WebhookConfig {
  /** Kind of webhook (plugin name). Default `basic`. */
  readonly name?: string;
  /** `http://` or `https://`. */
  readonly url: string;
  /** `GET|POST|PUT|DELETE|PATCH`. Default `POST`. */
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>> | null;
  readonly cookies?: Readonly<Record<string, string>> | null;
  /** HTTP Basic `[user, password]`. */
  readonly auth?: readonly string[] | null;
  /** Per attempt, seconds (0.5..120). Default 5. */
  readonly timeout?: number;
  /** Retries after the first attempt (0..10). Default 3. */
  readonly max_retries?: number;
  /** Retry n waits `retry_intervals[n-1]` seconds; the last value is reused. Default `[10, 30, 120]`. */
  readonly retry_intervals?: readonly number[];
}

export const WEBHOOK_DEFAULTS = {
  max_retries: 3,
  method: 'POST',
  name: 'basic',
  retry_intervals: [10, 30, 120] as readonly number[],
  timeout: 5,
} as const;
