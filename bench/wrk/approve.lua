-- Each wrk thread approves its own slice of the pending registration ids (one approval each).
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
local next_id
function init(args) next_id = strided(os.getenv("IDS_FILE")) end
function request()
  local id, last = next_id()
  -- Past the end: re-approving is idempotent (still a 200).
  return wrk.format("POST", "/api/admin/approve/" .. (id or last), {["Authorization"] = "Bearer " .. os.getenv("TOKEN")})
end
