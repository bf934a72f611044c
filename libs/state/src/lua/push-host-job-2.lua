--[[
  Queues a job for a pinned device (the caller wakes the node that owns it).
  KEYS[1] the host's job list   KEYS[2] set of hosts with waiting jobs (the device's bucket)
  ARGV[1] job id   ARGV[2] host
  Returns: the host's queue length.
]]
local n = redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[2], ARGV[2])
return n
