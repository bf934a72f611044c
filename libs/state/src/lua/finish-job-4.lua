--[[
  A running job ends: started -> finished | failed | stopped, with its result. The record then
  expires after its result_ttl and the encrypted request is deleted. Clients waiting for the job
  (`?wait=`) are told on the job-ended channel.
  A large result was written by the worker in parts into KEYS[3]: that string becomes the job's
  result key as it is (a rename, never a copy: no Lua string, no second value in the hash, no
  64 MiB command in the append-only file), and the record says so (`result_key` = 1); it expires
  with the record.
  KEYS[1] job hash   KEYS[2] running set of the worker that ran it
  KEYS[3] the result as written in parts by a worker (a large result), moved or deleted here
  KEYS[4] the job's result key (a large result, once the job ended)
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
local t = redis.call('TIME')
local now = t[1] .. string.format('%06d', t[2])
local ttl = tonumber(h[3])
if ARGV[2] == '' and redis.call('EXISTS', KEYS[3]) == 1 then
  redis.call('RENAME', KEYS[3], KEYS[4])
  redis.call('EXPIRE', KEYS[4], ttl)
  redis.call('HDEL', KEYS[1], 'result')
  redis.call('HSET', KEYS[1], 'status', ARGV[1], 'ended_at', now, 'result_key', '1')
else
  local result = ARGV[2]
  if result == '' then result = 'null' end
  redis.call('DEL', KEYS[3])
  redis.call('HSET', KEYS[1], 'status', ARGV[1], 'ended_at', now, 'result', result)
end
if ARGV[3] == '1' then redis.call('HSET', KEYS[1], 'presumed_dead', '1') end
redis.call('HDEL', KEYS[1], 'payload')
redis.call('EXPIRE', KEYS[1], ttl)
redis.call('PUBLISH', ARGV[4], h[2])
return 1
