--[[
  A worker that was presumed dead (its running job ended failed/WorkerDied by a sweeper) was only
  stalled and delivers the job's outcome late: the record keeps the job failed but now holds the
  device output and says the job ran late. Only the worker that ran it, only once.
  KEYS[1] job hash
  ARGV[1] worker name   ARGV[2] result JSON
  Returns: 1 written; 0 not a presumed-dead job of this worker (or already written).
]]
local h = redis.call('HMGET', KEYS[1], 'status', 'worker', 'presumed_dead', 'late_at')
if h[1] ~= 'failed' or h[2] ~= ARGV[1] or h[3] ~= '1' or h[4] then return 0 end
local t = redis.call('TIME')
redis.call('HSET', KEYS[1], 'result', ARGV[2], 'late_at', t[1] .. string.format('%06d', t[2]))
return 1
