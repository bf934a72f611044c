--[[
  Updates fields of a detached task's registry entry, only while the entry exists: a task that was
  killed, cleared or cleaned up must not come back through a late update.
  KEYS[1] task hash   <ns>:detached_task:<task id>
  ARGV    field, value pairs (values are JSON text)
  Returns: 1 updated; 0 no such task.
]]
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
