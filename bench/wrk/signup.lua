-- The sign-up rush: every request is a new person (a unique e-mail address) signing up for the same
-- event. Counts the answers (202 pending = a seat, 202 waitlisted, anything else) and stops each thread
-- after its share of the sign-ups. wrk itself runs for its whole --duration, so a thread that is done
-- leaves a file "<marker>.<thread>"; bench/driver.py stops wrk (SIGINT: it reports the time it really ran)
-- once every thread has left one.
-- Arguments after "--": <run prefix> <sign-ups in total> <threads> <marker path>
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local report = require("report")

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("number", counter)
  table.insert(threads, thread)
end

function init(args)
  prefix = args[1]
  quota = math.floor(tonumber(args[2]) / tonumber(args[3]))
  marker = args[4]
  sent, answered, seated, waiting, refused = 0, 0, 0, 0, 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  sent = sent + 1
  local who = string.format("%s-t%d-%d", prefix, number, sent)
  local body = string.format(
    '{"full_name": "Rush %s", "email": "%s@example.org", "preferred_language": "de", "category": "resident", '
      .. '"consent": {"privacy_notice_version": 1}, "answers": {"childcare": false, "interpretation": "Arabisch"}}',
    who, who)
  wrk.headers["Idempotency-Key"] = who
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  answered = answered + 1
  if status == 202 and body:find('"status":"pending"', 1, true) then
    seated = seated + 1
  elseif status == 202 and body:find('"status":"waitlisted"', 1, true) then
    waiting = waiting + 1
  else
    refused = refused + 1
  end
  if answered == quota then
    local file = io.open(marker .. "." .. number, "w")
    file:write(answered)
    file:close()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local totals = {answered = 0, seated = 0, waiting = 0, refused = 0}
  for _, thread in ipairs(threads) do
    for key, _ in pairs(totals) do
      totals[key] = totals[key] + (thread:get(key) or 0)
    end
  end
  report.json(summary, latency, totals)
end
