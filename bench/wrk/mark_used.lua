-- Admits distinct tickets: no ticket is scanned twice (see strided in common.lua).
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
local next_code
function init(args) next_code = strided(os.getenv("CODES_FILE")) end
function request()
  local code = next_code()
  return wrk.format("POST", "/api/mark-used/" .. (code or "EXHAUSTED"), {["Authorization"] = "Bearer " .. os.getenv("TOKEN")})
end
