--[[
  Pins a device host to a node if the node is alive and has room, counting it: one step, so two
  controllers never over-fill a node or pin one host twice. Replacing a previous (dead) owner fences
  the host until that owner's last lease has run out (plus a margin): the new owner waits before it
  runs anything there, so a stalled old owner that wakes up cannot interleave with it. Every success
  takes a new pin epoch: the caller copies the pin (epoch, node, fence) to the device's own keys,
  where an older copy never overwrites a newer one.
  KEYS[1] host_to_node_map   KEYS[2] node_info_map   KEYS[3] the node's lease key
  KEYS[4] node lease ends (node -> ms)   KEYS[5] host fences (host -> ms)   KEYS[6] pin epoch counter
  ARGV[1] host   ARGV[2] node   ARGV[3] the owner the caller saw ('' for none; a dead owner may be replaced)
  ARGV[4] margin after the old lease, ms
  Returns: {'ok', node, epoch, fence ms or 0} | {'taken', owner} | {'dead'} | {'full'} | {'unknown'}
]]
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if cur and cur ~= ARGV[3] then return {'taken', cur} end
if redis.call('EXISTS', KEYS[3]) == 0 then return {'dead'} end
local raw = redis.call('HGET', KEYS[2], ARGV[2])
if not raw then return {'unknown'} end
local info = cjson.decode(raw)
local t = redis.call('TIME')
local nowMs = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if cur ~= ARGV[2] then
  if info.count >= info.capacity then return {'full'} end
  info.count = info.count + 1
  redis.call('HSET', KEYS[2], ARGV[2], cjson.encode(info))
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  if cur then
    local ends = tonumber(redis.call('HGET', KEYS[4], cur) or '0')
    local fence = ends + tonumber(ARGV[4])
    if ends > 0 and fence > nowMs then
      local old = tonumber(redis.call('HGET', KEYS[5], ARGV[1]) or '0')
      if fence > old then redis.call('HSET', KEYS[5], ARGV[1], fence) end
    end
  end
end
local fence = tonumber(redis.call('HGET', KEYS[5], ARGV[1]) or '0')
if fence > 0 and fence <= nowMs then
  redis.call('HDEL', KEYS[5], ARGV[1])
  fence = 0
end
return {'ok', ARGV[2], redis.call('INCR', KEYS[6]), fence}
