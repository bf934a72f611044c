--[[
  A running job ends: started -> finished | failed | stopped, with its result. The record then
  expires after its result_ttl and the encrypted request is deleted. Clients waiting for the job
  (`?wait=`) are told on the job-ended channel.
  KEYS[1] job hash   KEYS[2] running set of the worker that ran it
  KEYS[3] the result as written in parts by a worker (a large result), deleted here in any case
  ARGV[1] final status   ARGV[2] result JSON, or '' to take it from KEYS[3]
  ARGV[3] '1' when a sweeper ends it because its worker is presumed dead (a stalled worker may still
  deliver its outcome late), else ''
  ARGV[4] the job-ended channel
  Returns: 1 written; 0 the job was no longer running (already ended by a sweeper or a stop).
]]
local h = redis.call('HMGET', KEYS[1], 'status', 'id', 'result_ttl')
redis.call('SREM', KEYS[2], h[2] or '')
if h[1] ~= 'started' then
  redis.call('DEL', KEYS[3])
  return 0
end
local result = ARGV[2]
if result == '' then result = redis.call('GET', KEYS[3]) or 'null' end
redis.call('DEL', KEYS[3])
local t = redis.call('TIME')
local now = t[1] .. string.format('%06d', t[2])
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'ended_at', now, 'result', result)
if ARGV[3] == '1' then redis.call('HSET', KEYS[1], 'presumed_dead', '1') end
redis.call('HDEL', KEYS[1], 'payload')
redis.call('EXPIRE', KEYS[1], tonumber(h[3]))
redis.call('PUBLISH', ARGV[4], h[2])
return 1
