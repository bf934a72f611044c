--[[
  Gives a leader lock up, only if this owner holds it (a lapsed lock may belong to someone else now).
  KEYS[1] lock key
  ARGV[1] owner token
  Returns: 1 released; 0 not held by this owner.
]]
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
