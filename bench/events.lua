-- wrk script for client events: POST /api/v1/apps/default/events with a batch of new events.
--
-- Usage: wrk -t2 -c64 -d20s --latency -s bench/events.lua URL -- THREADS BATCH RUN
-- Every request carries BATCH events about android 1.1.0 (code 2) from one device; event ids are
-- <RUN>-<thread>-<request>-<i> and device ids <RUN>-<thread>-<request>, so no two events of any run
-- share an id (RUN tells the warm-up and measured runs apart) and every request is a new client
-- for the server's rate bound.

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local thread_count = 0

function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  stride = tonumber(args[1]) or 2
  batch = tonumber(args[2]) or 20
  run = args[3] or "r"
  counter = 0
  types = { "download_started", "download_completed", "install_started", "install_succeeded" }
end

function request()
  local request_id = run .. "-" .. thread_index .. "-" .. counter
  counter = counter + 1
  local events = {}
  for i = 1, batch do
    events[i] = '{"event_id":"ev-' .. request_id .. '-' .. i ..
      '","type":"' .. types[(i - 1) % 4 + 1] ..
      '","platform":"android","channel":"stable","version":"1.1.0","version_code":2,' ..
      '"from_version":"1.0.0","from_version_code":1,"device_id":"dev-' .. request_id ..
      '","occurred_at":"2026-11-23T12:00:00Z"}'
  end
  return wrk.format(nil, nil, nil, '{"events":[' .. table.concat(events, ",") .. ']}')
end
