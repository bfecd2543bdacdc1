-- load.lua — the wrk script of bench/load.sh, for either side of the load:
--
--   wrk -t8 -c8 ... -s load.lua URL -- write SECONDS SESSION CSRF REG1 ... REG8
--       each thread (one connection) adds items to its own registration
--       through the JSON API (POST /api/v1/registrations/REG/items);
--   wrk -t8 -c8 ... -s load.lua URL -- read SECONDS SESSION PATH
--       GET PATH (a dashboard).
--
-- Each thread has one connection and stops itself after SECONDS, right
-- after an answer, so no write is left unanswered: the items in the
-- database must equal the writes acknowledged.  wrk's own -d is only a
-- backstop (a thread it stops is one whose request was cut, counted as
-- failed) and wrk reports its whole -d as the duration, so the rate here
-- uses the threads' own clock.  response() counts the answers by status;
-- done() prints one line per side: requests, requests/s, p50, p99, failed
-- (a status other than 2xx/3xx, a socket error or timeout, a request cut),
-- and for writers the number of writes acknowledged.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec, tv_nsec; } load_timespec;
int clock_gettime(int clock, load_timespec *ts);
]]
local ts = ffi.new("load_timespec")
local function now() -- CLOCK_MONOTONIC, in seconds
   ffi.C.clock_gettime(1, ts)
   return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) * 1e-9
end

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("id", #threads)
end

function init(args)
   side, session = args[1], args[3]
   started = now()
   stop_at, last = started + tonumber(args[2]), started
   sent, ok, bad, statuses = 0, 0, 0, {}
   headers = { ["Cookie"] = "lt_session=" .. session }
   if side == "write" then
      path = "/api/v1/registrations/" .. args[4 + id] .. "/items"
      headers["X-CSRF-Token"] = args[4]
      headers["Content-Type"] = "application/json"
   else
      path = args[4]
   end
end

function request()
   sent = sent + 1
   if side == "read" then return wrk.format("GET", path, headers) end
   return wrk.format("POST", path, headers, string.format('{"body":"tải wrk %d-%d"}', id, sent))
end

function response(status, hdrs, body)
   if status >= 200 and status < 400 then
      ok = ok + 1
   else
      bad = bad + 1
      statuses[status] = (statuses[status] or 0) + 1
   end
   last = now()
   if last >= stop_at then wrk.thread:stop() end
end

function done(summary, latency, requests)
   local side = threads[1]:get("side")
   local ok, bad, cut, by, first, last = 0, 0, 0, {}, math.huge, 0
   for _, t in ipairs(threads) do
      ok, bad = ok + t:get("ok"), bad + t:get("bad")
      if t:get("last") < t:get("stop_at") then cut = cut + 1 end
      first, last = math.min(first, t:get("started")), math.max(last, t:get("last"))
      for s, c in pairs(t:get("statuses")) do by[s] = (by[s] or 0) + c end
   end
   local e, detail = summary.errors, ""
   local socket = e.connect + e.read + e.write + e.timeout
   for s, c in pairs(by) do detail = detail .. string.format(" (%d × HTTP %d)", c, s) end
   if cut > 0 then detail = detail .. string.format(" (%d cut by wrk's -d)", cut) end
   if socket > 0 then
      detail = detail .. string.format(" (socket: %d connect, %d read, %d write, %d timeout)",
                                       e.connect, e.read, e.write, e.timeout)
   end
   io.write(string.format("%-6s %6d requests  %7.1f req/s  p50 %7.1f ms  p99 %7.1f ms  failed %d%s\n",
                          side == "write" and "writes" or "reads", ok + bad, (ok + bad) / (last - first),
                          latency:percentile(50) / 1000, latency:percentile(99) / 1000,
                          bad + cut + socket, detail))
   if side == "write" then io.write(string.format("acknowledged %d\n", ok)) end
end
