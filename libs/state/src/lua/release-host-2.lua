--[[
  Unpins a host from a node in the control keys and gives the node's capacity back. The caller has
  released the device's own copy of the pin first (or found it not this node's).
  KEYS[1] host_to_node_map   KEYS[2] node_info_map
  ARGV[1] host   ARGV[2] node
  Returns: 1 released; 0 not pinned to this node.
]]
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
local raw = redis.call('HGET', KEYS[2], ARGV[2])
if raw then
  local info = cjson.decode(raw)
  info.count = math.max(0, info.count - 1)
  redis.call('HSET', KEYS[2], ARGV[2], cjson.encode(info))
end
return 1
