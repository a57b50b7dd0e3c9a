-- wrk script for the check path: POST /api/updates/check with a fresh device id on every request.
--
-- Usage: wrk -t2 -c64 -d20s --latency -s bench/check.lua http://127.0.0.1:PORT/api/updates/check -- 2
-- The argument after "--" is the thread count (-t). Device ids are dev-<n> with
-- n = thread_index + request_counter * threads, so no two requests in a run share an id.
-- The same script drives the server and nginx, so both pay the same client-side cost.

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local thread_count = 0

-- setup() runs in the main Lua state once per thread, before any request.
function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
end

-- init() runs in each thread's own Lua state; thread_index was set by setup().
function init(args)
  stride = tonumber(args[1]) or 2
  counter = 0
end

function request()
  local n = thread_index + counter * stride
  counter = counter + 1
  local body = '{"platform":"android","current_version":"1.0.0+1","device_id":"dev-' .. n .. '"}'
  return wrk.format(nil, nil, nil, body)
end
