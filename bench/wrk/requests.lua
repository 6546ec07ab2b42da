-- Replay a file of prepared requests with wrk, and report JSON.
--
-- wrk -t1 -c20 -d20s -s bench/wrk/requests.lua http://127.0.0.1:8765 \
--     -- <requests file> [max responses]
--
-- Each line of the requests file is METHOD<TAB>PATH<TAB>COOKIE<TAB>BODY
-- (COOKIE and BODY may be empty). Lines are sent in turn, so a list of
-- POSTs prepared for different learners sends each once before repeating.
-- The run stops after the duration or after [max responses], whichever
-- comes first. done() prints one line "BENCH_JSON {...}" with the request
-- count, the latency percentiles (p50, p90, p95, p99, in microseconds) and
-- the HTTP status counts, which bench/run.py reads.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  prepared = {}
  statuses = {}
  responses = 0
  counter = 0
  limit = tonumber(args[2] or "0") or 0
  for line in io.lines(args[1]) do
    local method, path, cookie, body = line:match("^(%u+)\t([^\t]*)\t([^\t]*)\t?(.*)$")
    if method then
      local headers = {}
      if cookie ~= "" then headers["Cookie"] = cookie end
      if body == "" then
        body = nil
      else
        headers["Content-Type"] = "application/x-www-form-urlencoded"
      end
      table.insert(prepared, wrk.format(method, path, headers, body))
    end
  end
  if #prepared == 0 then
    error("no requests in " .. tostring(args[1]))
  end
end

function request()
  counter = counter + 1
  return prepared[((counter - 1) % #prepared) + 1]
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  responses = responses + 1
  if limit > 0 and responses >= limit then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses") or {}
    for code, count in pairs(counts) do
      merged[code] = (merged[code] or 0) + count
    end
  end
  local parts = {}
  for code, count in pairs(merged) do
    table.insert(parts, string.format('"%s": %d', code, count))
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"mean": %.1f, "p50": %d, "p90": %d, "p95": %d, "p99": %d, "max": %d}, ' ..
    '"statuses": {%s}}\n',
    summary.requests, summary.duration, summary.bytes,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90),
    latency:percentile(95), latency:percentile(99), latency.max,
    table.concat(parts, ", ")
  ))
end
