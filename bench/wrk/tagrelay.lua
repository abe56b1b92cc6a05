-- wrk script of tagrelay's benchmarks (bench/README.md). Arguments after "--":
--   push <base64 of relay:token> <docker_url>   POST a Quay repo_push with basic credentials
--   get                                         GET the URL's path (the ceiling: liveness)
-- done() prints one WRK line that the harness reads; it needs no per-response callback,
-- so the script costs wrk nothing per request.

init = function(args)
  if args[1] == "push" then
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Authorization"] = "Basic " .. args[2]
    wrk.body = '{"repository":"bench/ingest","namespace":"bench","name":"ingest",'
      .. '"docker_url":"' .. args[3] .. '",'
      .. '"homepage":"https://quay.io/repository/bench/ingest",'
      .. '"updated_tags":["1.0.1","latest"]}'
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
