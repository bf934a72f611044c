--[[
  Releases a device's own copy of its pin, only when no job waits for it (else the pin stays and the
  node keeps serving it). The release's epoch is recorded even when the device is not this node's,
  so a claim older than this release can no longer copy itself there.
  KEYS[1] device pins (host -> '<epoch> <node>')   KEYS[2] the host's job list
  ARGV[1] host   ARGV[2] node   ARGV[3] epoch (fresh from the pin epoch counter)
  ARGV[4] '1' to release even with waiting jobs (node shutdown / death)
  Returns: 1 released; 0 not pinned to this node here; -1 jobs wait (kept).
]]
local cur = redis.call('HGET', KEYS[1], ARGV[1])
local epoch, owner = 0, ''
if cur then
  local e, o = string.match(cur, '^(%d+) ?(.*)$')
  epoch, owner = tonumber(e or '0'), o or ''
end
if epoch >= tonumber(ARGV[3]) then return 0 end
if owner ~= ARGV[2] then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3] .. ' ' .. owner)
  return 0
end
if ARGV[4] ~= '1' and redis.call('LLEN', KEYS[2]) > 0 then return -1 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3] .. ' ')
return 1
