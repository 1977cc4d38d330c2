-- Shared by the workload scripts: per-thread ids, a list of codes, and a one-line JSON summary.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("thread_id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function load_lines(path)
  local list = {}
  local f = io.open(path, "r")
  if f then
    for line in f:lines() do list[#list + 1] = line end
    f:close()
  end
  return list
end

-- Thread k of T walks a list as k, k+T, k+2T, … so no two threads send the same item.
function strided(path)
  local list = load_lines(path)
  local stride = tonumber(os.getenv("WRK_THREADS"))
  local i = thread_id + 1 - stride
  return function()
    i = i + stride
    return list[i], list[#list]
  end
end

function done(summary, latency, requests)
  local ok = 0
  for _, t in ipairs(threads) do ok = ok + (t:get("ok") or 0) end
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'RESULT {"requests":%d,"ok":%d,"non2xx":%d,"errors":%d,"seconds":%.2f,"rps":%.0f,"ok_rps":%.0f,"p50_ms":%.2f,"p99_ms":%.2f}\n',
    summary.requests, ok, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    seconds, summary.requests / seconds, ok / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end

ok = 0
function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 end
end
