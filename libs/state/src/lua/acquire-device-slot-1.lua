--[[
  Takes one of a device's concurrent-session slots on the FIFO path, as a lease (a worker that dies
  gives its slot back when the lease ends).
  KEYS[1] the device's slot zset (member: job id, score: lease end, ms)
  ARGV[1] job id   ARGV[2] slots allowed   ARGV[3] now, ms   ARGV[4] lease end, ms
  Returns: 1 taken (or already held by this job); 0 all slots busy.
]]
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 1 end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
redis.call('PEXPIREAT', KEYS[1], ARGV[4])
return 1
