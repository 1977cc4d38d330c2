-- Admits distinct tickets: thread k takes codes k, k+T, k+2T, … so no ticket is scanned twice.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
local codes, i, stride
function init(args)
  codes = load_lines(os.getenv("CODES_FILE"))
  stride = tonumber(os.getenv("WRK_THREADS"))
  i = thread_id + 1
end
function request()
  local code = codes[i] or "EXHAUSTED"
  i = i + stride
  return wrk.format("POST", "/api/mark-used/" .. code, {["Authorization"] = "Bearer " .. os.getenv("TOKEN")})
end
