-- A plain GET at fixed concurrency; the address and headers come from the command line.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local report = require("report")

function done(summary, latency, requests)
  report.json(summary, latency)
end
