--[[
  Creates a job record, queued, and indexes it.
  KEYS[1] job hash            <ns>:job:<id>
  KEYS[2] queue deadlines     <ns>:deadlines (zset id -> deadline micros)
  KEYS[3] all jobs index      <ns>:jobs (zset id -> created ms)
  KEYS[4] queue jobs index    <ns>:queue_jobs:<queue>
  ARGV[1] id  ARGV[2] queue  ARGV[3] ttl seconds  ARGV[4] JSON object of the other fields
  Returns: created time, epoch microseconds (string); or -1 if the id exists.
]]
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
local t = redis.call('TIME')
local now = t[1] .. string.format('%06d', t[2])
local deadline = (tonumber(t[1]) + tonumber(ARGV[3])) .. string.format('%06d', t[2])
local fields = cjson.decode(ARGV[4])
local args = {'id', ARGV[1], 'status', 'queued', 'queue', ARGV[2], 'created_at', now, 'enqueued_at', now, 'deadline', deadline}
for k, v in pairs(fields) do
  args[#args + 1] = k
  args[#args + 1] = v
end
redis.call('HSET', KEYS[1], unpack(args))
redis.call('ZADD', KEYS[2], deadline, ARGV[1])
local ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[3], ms, ARGV[1])
redis.call('ZADD', KEYS[4], ms, ARGV[1])
return now
