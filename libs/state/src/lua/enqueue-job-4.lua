--[[
  Creates a job record, queued, and indexes it.
  KEYS[1] job hash            <ns>:job:<id>
  KEYS[2] queue deadlines     <ns>:deadlines (zset id -> deadline micros)
  KEYS[3] all jobs index      <ns>:jobs (zset id -> created ms)
  KEYS[4] queue jobs index    <ns>:queue_jobs:<queue>
  ARGV[1] id  ARGV[2] queue  ARGV[3] ttl seconds  ARGV[4] JSON object of the other fields
  Returns: created time, epoch microseconds (string); or -1 if the id exists.
]]
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
-- #include _write-queued-record
return now
