-- Scans QR payloads (signed codes), cycling through all issued tickets.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
local codes, i
function init(args)
  codes = load_lines(os.getenv("CODES_FILE"))
  i = thread_id * 7919
end
function request()
  i = i + 1
  return wrk.format("GET", "/api/verify-ticket/" .. codes[(i % #codes) + 1], {["Authorization"] = "Bearer " .. os.getenv("TOKEN")})
end
