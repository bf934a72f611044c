--[[
  Takes a leader lock, or renews it when this owner already holds it.
  KEYS[1] lock key
  ARGV[1] owner token   ARGV[2] lease, ms
  Returns: 1 held by this owner (taken or renewed); 0 held by someone else.
]]
local current = redis.call('GET', KEYS[1])
if current == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
  return 1
end
if current then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', tonumber(ARGV[2]))
return 1
