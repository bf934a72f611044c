--[[
  Creates a pinned job's record and queues it for its device in one step, provided the device is
  still pinned to the expected node (its own copy of the pin). The job's id puts it in the device's
  slot; the caller wakes the node afterwards (the node's control list lives elsewhere).
  KEYS[1] job hash   KEYS[2] queue deadlines zset   KEYS[3] jobs index   KEYS[4] queue jobs index
  KEYS[5] device pins (host -> '<epoch> <node>')   KEYS[6] the host's job list
  KEYS[7] set of hosts with waiting jobs
  ARGV[1] id  ARGV[2] queue  ARGV[3] ttl seconds  ARGV[4] JSON object of the other fields
  ARGV[5] host  ARGV[6] node
  Returns: created time, epoch microseconds (string); 0 when the device is not (or no longer)
  served by that node (nothing written).
]]
local pin = redis.call('HGET', KEYS[5], ARGV[5])
if not pin or string.match(pin, '^%d+ (.*)$') ~= ARGV[6] then return 0 end
-- #include _write-queued-record
redis.call('RPUSH', KEYS[6], ARGV[1])
redis.call('SADD', KEYS[7], ARGV[5])
return now
