--[[
  Pins a device host to a node if the node is alive and has room, counting it: one step, so two
  controllers never over-fill a node or pin one host twice.
  KEYS[1] host_to_node_map   KEYS[2] node_info_map   KEYS[3] the node's lease key
  ARGV[1] host   ARGV[2] node   ARGV[3] the owner the caller saw ('' for none; a dead owner may be replaced)
  Returns: {'ok', node} | {'taken', owner} | {'dead'} | {'full'} | {'unknown'}
]]
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if cur and cur ~= ARGV[3] then return {'taken', cur} end
if redis.call('EXISTS', KEYS[3]) == 0 then return {'dead'} end
local raw = redis.call('HGET', KEYS[2], ARGV[2])
if not raw then return {'unknown'} end
local info = cjson.decode(raw)
if cur == ARGV[2] then return {'ok', ARGV[2]} end
if info.count >= info.capacity then return {'full'} end
info.count = info.count + 1
redis.call('HSET', KEYS[2], ARGV[2], cjson.encode(info))
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return {'ok', ARGV[2]}
