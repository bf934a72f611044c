/** Queue names on the wire. */
export const FIFO_QUEUE = 'FifoQ';
export const WEBHOOK_QUEUE = 'WebhookQ';

export function hostQueue(host: string): string {
  return `HostQ_${host}`;
}

export function nodeQueue(node: string): string {
  return `NodeQ_${node}`;
}

/** The host of a `HostQ_<host>` name, or null. */
export function hostOfQueue(queue: string): string | null {
  return queue.startsWith('HostQ_') ? queue.slice('HostQ_'.length) : null;
}

/**
 * The BullMQ name of a wire queue name. BullMQ forbids `:` (IPv6 hosts have them), so the internal
 * name is percent-encoded while the `queue` field on the wire stays literal.
 */
export function internalQueueName(queue: string): string {
  return queue.replace(/[%:]/g, (c) => (c === '%' ? '%25' : '%3A'));
}

const PINNED_SEPARATOR = '_HostQ_';

/** A pinned worker's name on the wire: `<node>_HostQ_<host>`. */
export function pinnedWorkerName(node: string, host: string): string {
  return `${node}${PINNED_SEPARATOR}${host}`;
}

/** The node and host of a pinned worker's name, or null for any other worker name. */
export function parsePinnedWorkerName(name: string): { node: string; host: string } | null {
  const i = name.indexOf(PINNED_SEPARATOR);
  if (i <= 0) return null;
  return { node: name.slice(0, i), host: name.slice(i + PINNED_SEPARATOR.length) };
}
