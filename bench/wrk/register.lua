dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
local n = 0
function request()
  n = n + 1
  local body = string.format('{"event_id":%s,"name":"Bench Person %d-%d","email":"p%d.%d@example.com","team_name":"Team %d"}',
    os.getenv("EVENT_ID"), thread_id, n, thread_id, n, n % 97)
  return wrk.format("POST", "/api/register", {["Content-Type"] = "application/json"}, body)
end
