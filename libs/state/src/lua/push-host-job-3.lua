--[[
  Queues a job for a pinned device and wakes the node that owns the device.
  KEYS[1] the host's job list   KEYS[2] the node's control list   KEYS[3] set of hosts with waiting jobs
  ARGV[1] job id   ARGV[2] host
  Returns: the host's queue length.
]]
local n = redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('RPUSH', KEYS[2], 'wake ' .. ARGV[2])
redis.call('SADD', KEYS[3], ARGV[2])
return n
