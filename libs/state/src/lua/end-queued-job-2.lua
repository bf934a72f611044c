--[[
  Ends a job that has not started: canceled by a client, or failed/JobExpired by the TTL sweeper.
  Clients waiting for the job (`?wait=`) are told on the job-ended channel.
  KEYS[1] job hash   KEYS[2] queue deadlines zset
  ARGV[1] final status ('canceled' | 'failed')   ARGV[2] result JSON or ''
  ARGV[3] '1' to act only when the queue deadline has passed (sweeper), '0' always (cancel)
  ARGV[4] job-ended channel
  Returns: 1 ended; 0 not queued (or deadline not reached).
]]
local h = redis.call('HMGET', KEYS[1], 'status', 'id', 'deadline', 'result_ttl')
if h[1] ~= 'queued' then return 0 end
local t = redis.call('TIME')
local now = t[1] .. string.format('%06d', t[2])
if ARGV[3] == '1' and h[3] and tonumber(h[3]) > tonumber(now) then return 0 end
redis.call('ZREM', KEYS[2], h[2])
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'ended_at', now)
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'result', ARGV[2]) end
redis.call('HDEL', KEYS[1], 'payload')
redis.call('EXPIRE', KEYS[1], tonumber(h[4]))
redis.call('PUBLISH', ARGV[4], h[2])
return 1
