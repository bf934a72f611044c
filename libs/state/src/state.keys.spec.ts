import { keySlot } from './redis/key-slot';
import { CLUSTER_BUCKETS, StateKeys } from './state.keys';

describe('StateKeys', () => {
  describe('on one server', () => {
    const sut = new StateKeys('netpulse');

    it('keeps the key names of NetPulse 0.4 and the earlier layout: no tags, one bucket', () => {
      expect(sut.buckets).toBe(1);
      expect(sut.hostToNodeMap).toBe('netpulse:host_to_node_map');
      expect(sut.nodeInfoMap).toBe('netpulse:node_info_map');
      expect(sut.job('abc')).toBe('netpulse:job:abc');
      expect(sut.deadlines(0)).toBe('netpulse:deadlines');
      expect(sut.jobs(0)).toBe('netpulse:jobs');
      expect(sut.queueJobs(0, 'FifoQ')).toBe('netpulse:queue_jobs:FifoQ');
      expect(sut.running(0, 'w1')).toBe('netpulse:running:w1');
      expect(sut.hostJobs('127.0.0.1')).toBe('netpulse:hostq:127.0.0.1');
      expect(sut.activeHosts(0)).toBe('netpulse:active_hosts');
      expect(sut.bullQueueName('FifoQ')).toBe('FifoQ');
      expect(sut.bullQueueName('HostQ_::1')).toBe('HostQ_%3A%3A1');
    });

    it('makes plain random uuid4 job ids', () => {
      expect(sut.newJobId('127.0.0.1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(sut.bucketOfJob(sut.newJobId())).toBe(0);
    });
  });

  describe('on a Redis Cluster', () => {
    const sut = new StateKeys('np', { cluster: true });
    const host = '127.0.10.1';
    const worker = `node-1_HostQ_${host}`;

    it('puts a pinned job in the slot of its device queue and pin, and its id stays a uuid4', () => {
      const id = sut.newJobId(host);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const b = sut.bucketOfHost(host);
      expect(sut.bucketOfJob(id)).toBe(b);
      const slot = keySlot(sut.hostJobs(host));
      for (const k of [sut.job(id), sut.jobResultPart(id), sut.deadlines(b), sut.jobs(b), sut.queueJobs(b, `HostQ_${host}`), sut.running(b, worker), sut.pinnedTake(worker), sut.devicePins(b), sut.deviceFences(b), sut.activeHosts(b), sut.jobPrefix(b), sut.deviceSlots(`${host}:22`), sut.deviceBreaker(`${host}:22`), sut.authFailures(`${host}:22`, 'admin')]) {
        expect([k, keySlot(k)]).toEqual([k, slot]);
      }
      expect(sut.runningBuckets(worker)).toEqual([b]);
    });

    it('puts a FIFO job and its bucket indexes in one slot, the job ids spread over every bucket', () => {
      const seen = new Set<number>();
      for (let i = 0; i < 4000; i++) {
        const id = sut.newJobId();
        const b = sut.bucketOfJob(id);
        seen.add(b);
        if (i < 50) for (const k of [sut.jobResultPart(id), sut.deadlines(b), sut.jobs(b), sut.queueJobs(b, 'FifoQ'), sut.running(b, 'w1')]) expect(keySlot(k)).toBe(keySlot(sut.job(id)));
      }
      expect(seen.size).toBe(CLUSTER_BUCKETS);
      expect(sut.runningBuckets('host_FifoQ')).toHaveLength(CLUSTER_BUCKETS);
    });

    it('keeps the control keys in one slot and gives each BullMQ queue a tag of its own', () => {
      const slot = keySlot(sut.hostToNodeMap);
      for (const k of [sut.nodeInfoMap, sut.nodeLease('n1'), sut.nodeLeaseEnds, sut.hostFences, sut.pinEpoch, sut.workers, sut.queueWorkers('FifoQ')]) expect(keySlot(k)).toBe(slot);
      expect(keySlot(sut.detachedTask('t1'))).toBe(keySlot(sut.detachedTasks));
      expect(sut.bullQueueName('FifoQ')).toBe('{FifoQ}');
      expect(keySlot(`${sut.bullPrefix}:${sut.bullQueueName('FifoQ')}:wait`)).toBe(keySlot(`${sut.bullPrefix}:${sut.bullQueueName('FifoQ')}:1`));
      expect(keySlot(`${sut.bullPrefix}:${sut.bullQueueName('FifoQ')}:wait`)).not.toBe(keySlot(`${sut.bullPrefix}:${sut.bullQueueName('WebhookQ')}:wait`));
    });

    it('spreads the buckets over the slots of three masters', () => {
      const perThird = [0, 0, 0];
      for (let b = 0; b < CLUSTER_BUCKETS; b++) perThird[Math.floor(keySlot(sut.jobs(b)) / (16384 / 3))]++;
      for (const n of perThird) expect(n).toBeGreaterThan(CLUSTER_BUCKETS / 3 - 30);
    });

    it('refuses a 0.4 key-name override without the control tag', () => {
      expect(() => new StateKeys('np', { cluster: true, hostToNodeMap: 'np:host_to_node_map' })).toThrow('redis.key.host_to_node_map must contain the hash tag {ctl}');
      expect(new StateKeys('np', { cluster: true, nodeInfoMap: 'np:{ctl}:nodes' }).nodeInfoMap).toBe('np:{ctl}:nodes');
    });
  });
});
