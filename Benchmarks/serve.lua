-- wrk script for Benchmarks/serve.sh: POSTs the gzip'd reports listed in the file named by the
-- BODIES environment variable, each once (thread k of n sends bodies k, k+n, k+2n, …), and counts
-- the answers by status so the runner can check them against the database.
local threads = {}
local thread_count = tonumber(os.getenv("THREADS") or "1")
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  bodies = {}
  local list = assert(io.open(os.getenv("BODIES"), "r"))
  local index = 0
  for path in list:lines() do
    if index % thread_count == id then
      local file = assert(io.open(path, "rb"))
      table.insert(bodies, file:read("*a"))
      file:close()
    end
    index = index + 1
  end
  list:close()
  position = 0
  statuses = {}
  wrk.headers["Content-Type"] = "application/tlsrpt+gzip"
  wrk.headers["User-Agent"] = "tlsrpt-benchmark"
end

function request()
  position = position + 1
  -- Past the end, bodies repeat: duplicates (answered 200) rather than new reports.
  local body = bodies[(position - 1) % #bodies + 1]
  return wrk.format("POST", "/tlsrpt", nil, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, count in pairs(counts) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(totals) do table.insert(parts, status .. "=" .. count) end
  table.sort(parts)
  io.write(string.format("statuses %s\n", table.concat(parts, " ")))
  io.write(string.format("p50_ms %.2f\np99_ms %.2f\nmax_ms %.2f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("requests %d\nseconds %.2f\n", summary.requests, summary.duration / 1e6))
end
