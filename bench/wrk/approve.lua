-- Each wrk thread approves its own slice of the pending registration ids (one approval each).
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
local ids, i, stride
function init(args)
  ids = load_lines(os.getenv("IDS_FILE"))
  stride = tonumber(os.getenv("WRK_THREADS"))
  i = thread_id + 1
end
function request()
  local id = ids[i] or ids[#ids]  -- past the end: re-approving is idempotent (still a 200)
  i = i + stride
  return wrk.format("POST", "/api/admin/approve/" .. id, {["Authorization"] = "Bearer " .. os.getenv("TOKEN")})
end
