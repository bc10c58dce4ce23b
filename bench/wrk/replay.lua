-- Replays the requests bench/load.py prepared and checks every response.
--
-- The request file has one request a line, tab-separated:  METHOD  PATH  COOKIE  BODY
-- (BODY may be empty; a non-empty body is sent as a urlencoded form).
-- Arguments after "--":  <request file> <expected status> [<Lua pattern the Location must match>]
--
-- wrk itself only counts non-2xx/3xx as errors; a 302 to the login page would pass. So every
-- response is compared with the expected status (and redirect target) and mismatches are
-- reported as "bad". The done() hook prints one RESULT line of JSON for bench/load.py.

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("id", thread_count)
  table.insert(threads, thread)
end

function init(args)
  prepared = {}
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    local method, path, cookie, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    local headers = {}
    if cookie ~= "" then
      headers["Cookie"] = cookie
    end
    if body ~= "" then
      headers["Content-Type"] = "application/x-www-form-urlencoded"
    else
      body = nil
    end
    prepared[#prepared + 1] = wrk.format(method, path, headers, body)
  end
  file:close()
  expected = tonumber(args[2])
  location = args[3]
  -- Threads start at different rows so they do not replay the same sessions in step.
  position = (id * 7919) % #prepared
  bad = 0
  checked = 0
end

function request()
  position = position % #prepared + 1
  return prepared[position]
end

function response(status, headers, body)
  checked = checked + 1
  local target = headers["Location"] or headers["location"]
  if status ~= expected or (location ~= nil and (target == nil or not target:match(location))) then
    bad = bad + 1
    -- Keep the first mismatch for the report: the status and where it pointed.
    if bad == 1 then
      first_bad = tostring(status) .. " " .. tostring(target or "")
    end
  end
end

function done(summary, latency, requests)
  local bad_total, checked_total, bad_example = 0, 0, ""
  for _, thread in ipairs(threads) do
    bad_total = bad_total + thread:get("bad")
    checked_total = checked_total + thread:get("checked")
    if bad_example == "" and thread:get("first_bad") ~= nil then
      bad_example = thread:get("first_bad")
    end
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "bad": %d, "checked": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "bad_example": "%s"}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    bad_total, checked_total, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, bad_example:gsub('[%c"\\]', "?")))
end
