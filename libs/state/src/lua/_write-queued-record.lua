--[[
  Fragment (not a script): included by the enqueue scripts with `-- #include _write-queued-record`.
  Writes a queued job's record and indexes it: KEYS[1] job hash, KEYS[2] queue deadlines zset,
  KEYS[3] all jobs index, KEYS[4] queue jobs index; ARGV[1] id, ARGV[2] queue, ARGV[3] ttl seconds,
  ARGV[4] JSON object of the other fields. Leaves `now` (created time, epoch microseconds, a string).
]]
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
