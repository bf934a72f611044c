--[[
  Ends a job that has not started: canceled by a client, or failed/JobExpired by the TTL sweeper.
  KEYS[1] job hash   KEYS[2] queue deadlines zset
  ARGV[1] final status ('canceled' | 'failed')   ARGV[2] result JSON or ''
  ARGV[3] '1' to act only when the queue deadline has passed (sweeper), '0' always (cancel)
  Returns: 1 ended; 0 not queued (or deadline not reached).
]]
if redis.call('HGET', KEYS[1], 'status') ~= 'queued' then return 0 end
local t = redis.call('TIME')
local now = t[1] .. string.format('%06d', t[2])
if ARGV[3] == '1' then
  local deadline = redis.call('HGET', KEYS[1], 'deadline')
  if deadline and tonumber(deadline) > tonumber(now) then return 0 end
end
redis.call('ZREM', KEYS[2], redis.call('HGET', KEYS[1], 'id'))
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'ended_at', now)
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'result', ARGV[2]) end
redis.call('HDEL', KEYS[1], 'payload')
redis.call('EXPIRE', KEYS[1], tonumber(redis.call('HGET', KEYS[1], 'result_ttl')))
return 1
