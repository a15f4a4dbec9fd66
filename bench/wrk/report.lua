-- Prints wrk's result as one JSON line (prefixed "BENCH_JSON ") for bench/driver.py to read.
-- Latencies are in microseconds. Shared by every scenario script.

local report = {}

function report.json(summary, latency, extra)
  local errors = summary.errors
  local fields = {
    string.format('"requests": %d', summary.requests),
    string.format('"duration_us": %d', summary.duration),
    string.format('"bytes": %d', summary.bytes),
    string.format('"errors_connect": %d', errors.connect),
    string.format('"errors_read": %d', errors.read),
    string.format('"errors_write": %d', errors.write),
    string.format('"errors_status": %d', errors.status),
    string.format('"errors_timeout": %d', errors.timeout),
    string.format('"latency_mean_us": %.1f', latency.mean),
    string.format('"latency_max_us": %d', latency.max),
  }
  for _, p in ipairs({50, 90, 95, 99, 99.9}) do
    table.insert(fields, string.format('"p%s_us": %d', tostring(p):gsub("%.", "_"), latency:percentile(p)))
  end
  for key, value in pairs(extra or {}) do
    table.insert(fields, string.format('"%s": %d', key, value))
  end
  io.write("BENCH_JSON {" .. table.concat(fields, ", ") .. "}\n")
end

return report
