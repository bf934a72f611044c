import { hostQueue, nodeQueue } from '@netpulse/state';

/** Filters resolve to one queue, later ones overriding earlier ones: host, then node, then queue. */
export function resolveQueueFilter(q: { queue?: string; node?: string; host?: string }): string | undefined {
  let queue: string | undefined;
  if (q.host) queue = hostQueue(q.host);
  if (q.node) queue = nodeQueue(q.node);
  if (q.queue) queue = q.queue;
  return queue;
}
