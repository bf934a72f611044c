--[[
  Copies a pin to the device's own keys (the slot of its job queue), where the steps that queue and
  take its jobs read it. A copy older than the one there (a lower epoch: a later claim or release
  already wrote) changes nothing, so a claimer that stalled between its claim and this copy cannot
  give the device back to a node it no longer belongs to.
  KEYS[1] device pins (host -> '<epoch> <node>')   KEYS[2] device fences (host -> ms)
  ARGV[1] host   ARGV[2] node   ARGV[3] epoch   ARGV[4] fence, ms (0 for none)
  Returns: 1 written; 0 a newer pin is there (nothing written).
]]
local cur = redis.call('HGET', KEYS[1], ARGV[1])
local epoch = cur and tonumber(string.match(cur, '^(%d+)') or '0') or 0
if epoch >= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3] .. ' ' .. ARGV[2])
local fence = tonumber(ARGV[4])
if fence > 0 and fence > tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0') then redis.call('HSET', KEYS[2], ARGV[1], fence) end
return 1
