--[[
  Pins many device hosts at once, each exactly as claim-host does (a live node with room, counted,
  a new pin epoch per success), in one step: two controllers never over-fill a node or pin one host
  twice. Replacing a dead owner fences the host until that owner's last lease has run out plus the
  margin, as claim-host does.
  KEYS[1] host_to_node_map   KEYS[2] node_info_map   KEYS[3] node lease ends (node -> ms)
  KEYS[4] host fences (host -> ms)   KEYS[5] pin epoch counter   KEYS[6..] the lease keys of the nodes named
  ARGV[1] margin after an old lease, ms; then four per host: host, node, the owner the caller saw
  ('' for none; a dead owner may be replaced), the index in KEYS of the node's lease key
  Returns: one entry per host, in order: {'ok', node, epoch, fence ms or 0} | {'taken', owner} | {'dead'} | {'full'} | {'unknown'}
]]
local infos, alive, dirty, out = {}, {}, {}, {}
local t = redis.call('TIME')
local nowMs = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for i = 2, #ARGV, 4 do
  local host, node, seen = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local lease = KEYS[tonumber(ARGV[i + 3])]
  local cur = redis.call('HGET', KEYS[1], host)
  if alive[lease] == nil then alive[lease] = redis.call('EXISTS', lease) == 1 end
  if infos[node] == nil then
    local raw = redis.call('HGET', KEYS[2], node)
    infos[node] = raw and cjson.decode(raw) or false
  end
  local info = infos[node]
  local ok = false
  if cur and cur ~= seen then
    out[#out + 1] = {'taken', cur}
  elseif not alive[lease] then
    out[#out + 1] = {'dead'}
  elseif not info then
    out[#out + 1] = {'unknown'}
  elseif cur == node then
    ok = true
  elseif info.count >= info.capacity then
    out[#out + 1] = {'full'}
  else
    info.count = info.count + 1
    dirty[node] = true
    redis.call('HSET', KEYS[1], host, node)
    if cur then
      local ends = tonumber(redis.call('HGET', KEYS[3], cur) or '0')
      local fence = ends + tonumber(ARGV[1])
      if ends > 0 and fence > nowMs then
        local old = tonumber(redis.call('HGET', KEYS[4], host) or '0')
        if fence > old then redis.call('HSET', KEYS[4], host, fence) end
      end
    end
    ok = true
  end
  if ok then
    local fence = tonumber(redis.call('HGET', KEYS[4], host) or '0')
    if fence > 0 and fence <= nowMs then
      redis.call('HDEL', KEYS[4], host)
      fence = 0
    end
    out[#out + 1] = {'ok', node, redis.call('INCR', KEYS[5]), fence}
  end
end
for node in pairs(dirty) do redis.call('HSET', KEYS[2], node, cjson.encode(infos[node])) end
return out
