--[[
  A pinned worker takes the next job of its device and starts it in the same step, so a job is
  always either waiting in the device's list or recorded `started` by this worker, never in between
  (a crash or a Redis outage after a bare pop would lose it). Jobs canceled meanwhile are dropped;
  jobs whose queue TTL passed end failed/JobExpired, one per call (the caller sends their webhook).
  Idempotent per token: a call repeated with the same token (a resend after a lost reply) returns the
  job that token took instead of taking another.
  KEYS[1] the host's job list   KEYS[2] set of hosts with waiting jobs   KEYS[3] queue deadlines zset
  KEYS[4] running set of this worker   KEYS[5] this worker's last take ('<token> <job id>')
  KEYS[6] device pins (host -> '<epoch> <node>', the device's copy of its pin)
  KEYS[7] device fences (host -> ms until which a previous owner may still act)
  All of them, and the jobs in the list (their ids put them in the device's bucket), share one slot.
  ARGV[1] host   ARGV[2] node   ARGV[3] worker name   ARGV[4] take token   ARGV[5] job key prefix of the bucket
  ARGV[6] JobExpired result JSON with '{ttl}' for the TTL   ARGV[7] JobExpired result JSON without a TTL
  ARGV[8] the job-ended channel (an expired job's waiting clients are told)
  ARGV[9] the job-started channel (followers of the job's events are told)
  Returns: {'started', id, payload, enqueued_at} | {'expired', id, payload} | {'empty'}
         | {'moved', owner or ''} (no longer pinned to this node) | {'fenced', ms} (a previous owner's lease still runs)
]]
local last = redis.call('GET', KEYS[5])
if last then
  local sp = string.find(last, ' ', 1, true)
  if string.sub(last, 1, sp - 1) == ARGV[4] then
    local id = string.sub(last, sp + 1)
    local h = redis.call('HMGET', ARGV[5] .. id, 'status', 'worker', 'payload', 'enqueued_at')
    if h[1] == 'started' and h[2] == ARGV[3] then return {'started', id, h[3] or '', h[4] or ''} end
  end
end
local pin = redis.call('HGET', KEYS[6], ARGV[1])
local owner = pin and string.match(pin, '^%d+ (.*)$') or ''
if owner ~= ARGV[2] then return {'moved', owner} end
local t = redis.call('TIME')
local nowMs = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local fence = tonumber(redis.call('HGET', KEYS[7], ARGV[1]) or '0')
if fence > nowMs then return {'fenced', fence - nowMs} end
if fence > 0 then redis.call('HDEL', KEYS[7], ARGV[1]) end
local now = t[1] .. string.format('%06d', t[2])
while true do
  local id = redis.call('LPOP', KEYS[1])
  if not id then
    redis.call('SREM', KEYS[2], ARGV[1])
    return {'empty'}
  end
  local key = ARGV[5] .. id
  if redis.call('HGET', key, 'status') == 'queued' then
    redis.call('ZREM', KEYS[3], id)
    local deadline = redis.call('HGET', key, 'deadline')
    if deadline and tonumber(deadline) < tonumber(now) then
      local payload = redis.call('HGET', key, 'payload') or ''
      local ttl = redis.call('HGET', key, 'ttl')
      local result = ARGV[7]
      if ttl then result = string.gsub(ARGV[6], '{ttl}', function() return ttl end) end
      redis.call('HSET', key, 'status', 'failed', 'ended_at', now, 'result', result)
      redis.call('HDEL', key, 'payload')
      redis.call('EXPIRE', key, tonumber(redis.call('HGET', key, 'result_ttl')))
      redis.call('PUBLISH', ARGV[8], id)
      return {'expired', id, payload}
    end
    redis.call('HSET', key, 'status', 'started', 'started_at', now, 'worker', ARGV[3])
    redis.call('PUBLISH', ARGV[9], id)
    redis.call('SADD', KEYS[4], id)
    redis.call('SET', KEYS[5], ARGV[4] .. ' ' .. id, 'PX', 86400000)
    return {'started', id, redis.call('HGET', key, 'payload') or '', redis.call('HGET', key, 'enqueued_at') or ''}
  end
end
