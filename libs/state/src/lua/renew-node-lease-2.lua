--[[
  Renews a node's lease, only while it still exists (a node whose lease lapsed must not come back
  silently), and records when it now ends: a host taken over from this node waits until then.
  KEYS[1] the node's lease key   KEYS[2] node lease ends (node -> ms, Redis clock)
  ARGV[1] node   ARGV[2] lease, ms   ARGV[3] value stored in the lease key
  Returns: 1 renewed; 0 the lease had lapsed.
]]
if not redis.call('SET', KEYS[1], ARGV[3], 'PX', tonumber(ARGV[2]), 'XX') then return 0 end
local t = redis.call('TIME')
local nowMs = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('HSET', KEYS[2], ARGV[1], nowMs + tonumber(ARGV[2]))
return 1
