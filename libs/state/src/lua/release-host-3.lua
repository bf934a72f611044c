--[[
  Unpins a host from a node, only when no job waits for it (else the pin stays and the node keeps
  serving it), and gives the capacity back.
  KEYS[1] host_to_node_map   KEYS[2] node_info_map   KEYS[3] the host's job list
  ARGV[1] host   ARGV[2] node   ARGV[3] '1' to release even with waiting jobs (node shutdown / death)
  Returns: 1 released; 0 not pinned to this node; -1 jobs wait (kept).
]]
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
if ARGV[3] ~= '1' and redis.call('LLEN', KEYS[3]) > 0 then return -1 end
redis.call('HDEL', KEYS[1], ARGV[1])
local raw = redis.call('HGET', KEYS[2], ARGV[2])
if raw then
  local info = cjson.decode(raw)
  info.count = math.max(0, info.count - 1)
  redis.call('HSET', KEYS[2], ARGV[2], cjson.encode(info))
end
return 1
