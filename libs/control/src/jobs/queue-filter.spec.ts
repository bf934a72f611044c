import { resolveQueueFilter } from './queue-filter';

describe('resolveQueueFilter', () => {
  it('is undefined without a filter', () => {
    expect(resolveQueueFilter({})).toBeUndefined();
  });

  it('names the device queue for a host, the node queue for a node, and later filters win: host, node, queue', () => {
    expect(resolveQueueFilter({ host: '127.0.7.1' })).toBe('HostQ_127.0.7.1');
    expect(resolveQueueFilter({ node: 'n1' })).toBe('NodeQ_n1');
    expect(resolveQueueFilter({ host: '127.0.7.1', node: 'n1' })).toBe('NodeQ_n1');
    expect(resolveQueueFilter({ host: '127.0.7.1', node: 'n1', queue: 'FifoQ' })).toBe('FifoQ');
  });
});
