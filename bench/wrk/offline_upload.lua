-- Offline gates syncing: every request uploads OFFLINE_BATCH admissions (distinct tickets, none
-- admitted before, fresh nonces) as POST /api/scans/offline from its own device name.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
local next_code
local batch = tonumber(os.getenv("OFFLINE_BATCH") or "10")
local scanned_at = os.getenv("SCANNED_AT")
local sent = 0
function init(args) next_code = strided(os.getenv("CODES_FILE")) end
function request()
  local scans = {}
  for i = 1, batch do
    local code = next_code()
    sent = sent + 1
    -- Out of tickets: a nonce the server refuses (400), so the run's non2xx shows it.
    local nonce = code and string.format("bench-%d-%d", thread_id, sent) or "x"
    scans[i] = string.format('{"code":"%s","nonce":"%s","scanned_at":"%s","gate":"North"}',
                             code or "EXHAUSTED", nonce, scanned_at)
  end
  local body = string.format('{"device_id":"bench-phone-%d","scans":[%s]}', thread_id, table.concat(scans, ","))
  return wrk.format("POST", "/api/scans/offline",
                    {["Authorization"] = "Bearer " .. os.getenv("TOKEN"), ["Content-Type"] = "application/json"}, body)
end
