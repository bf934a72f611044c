--[[
  Takes the next job of a pinned device, in order; marks the device idle when none is left.
  KEYS[1] the host's job list   KEYS[2] set of hosts with waiting jobs
  ARGV[1] host
  Returns: a job id, or false when the list is empty.
]]
local id = redis.call('LPOP', KEYS[1])
if not id then
  redis.call('SREM', KEYS[2], ARGV[1])
  return false
end
return id
