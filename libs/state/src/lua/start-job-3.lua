--[[
  A worker takes a job: queued -> started, unless it was canceled, or its queue TTL passed
  (then it is recorded failed/JobExpired instead of running, and waiting clients are told).
  KEYS[1] job hash   KEYS[2] queue deadlines zset   KEYS[3] running set of this worker
  ARGV[1] worker name   ARGV[2] JobExpired result JSON   ARGV[3] the job-ended channel
  ARGV[4] the job-started channel (followers of the job's events are told)
  Returns: {1, payload, enqueued_at} started; {0, status} not runnable (missing -> status 'missing');
  {-1, 'expired', payload} expired (the sealed request, for its webhook).
]]
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return {0, 'missing'} end
if status ~= 'queued' then return {0, status} end
local t = redis.call('TIME')
local now = t[1] .. string.format('%06d', t[2])
local id = redis.call('HGET', KEYS[1], 'id')
local deadline = redis.call('HGET', KEYS[1], 'deadline')
redis.call('ZREM', KEYS[2], id)
if deadline and tonumber(deadline) < tonumber(now) then
  local payload = redis.call('HGET', KEYS[1], 'payload') or ''
  redis.call('HSET', KEYS[1], 'status', 'failed', 'ended_at', now, 'result', ARGV[2])
  redis.call('HDEL', KEYS[1], 'payload')
  redis.call('EXPIRE', KEYS[1], tonumber(redis.call('HGET', KEYS[1], 'result_ttl')))
  redis.call('PUBLISH', ARGV[3], id)
  return {-1, 'expired', payload}
end
redis.call('HSET', KEYS[1], 'status', 'started', 'started_at', now, 'worker', ARGV[1])
redis.call('PUBLISH', ARGV[4], id)
redis.call('SADD', KEYS[3], id)
return {1, redis.call('HGET', KEYS[1], 'payload') or '', redis.call('HGET', KEYS[1], 'enqueued_at') or ''}
