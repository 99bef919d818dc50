-- wrk: a team's athletes on two `afterlift serve` processes (scripts/bench-team.sh, issue 13).
-- Environment: TOKENS (a file of API tokens, one a line), PORTS ("8081,8082": thread i loads port i mod n,
-- so -t2 splits the connections between the two servers), MODE (mix | advice | status | warm).
-- Every request acts for a random athlete: Authorization: Bearer <their token>; warm: GET /api/v1/status
-- for each athlete in turn (each thread walks the whole list, so every log is loaded into each server).
-- mix: 45 % POST /api/v1/advice, 45 % GET /api/v1/status, 10 % PUT /api/v1/wellness/today.
-- done() prints one line for the script: "RESULT requests seconds p50_us p99_us non2xx connect read write timeout".

local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do
  if #line > 0 then tokens[#tokens + 1] = "Bearer " .. line end
end
local mode = os.getenv("MODE") or "mix"
local ports = {}
for p in string.gmatch(os.getenv("PORTS") or "", "%d+") do ports[#ports + 1] = p end

local advice = '{"planned":{"kind":"easy","minutes":30}}'
local started = 0
local next_athlete = 0

function setup(thread)
  local port = ports[(started % #ports) + 1]
  thread.addr = wrk.lookup("127.0.0.1", port)[1]
  thread:set("index", started)
  started = started + 1
end

function init(args)
  math.randomseed(os.time() * 1000 + (index or 0))
end

local function checkin()
  return string.format('{"sleep_hours":%.1f,"fatigue":%d,"soreness":%d,"mood":%d}',
    6 + math.random() * 2.5, math.random(2, 4), math.random(2, 4), math.random(2, 4))
end

function request()
  if mode == "warm" then
    next_athlete = next_athlete % #tokens + 1
    return wrk.format("GET", "/api/v1/status", { ["Authorization"] = tokens[next_athlete] })
  end
  local headers = { ["Authorization"] = tokens[math.random(#tokens)] }
  local r = math.random()
  if mode == "advice" or (mode == "mix" and r < 0.45) then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/v1/advice", headers, advice)
  elseif mode == "status" or (mode == "mix" and r < 0.90) then
    return wrk.format("GET", "/api/v1/status", headers)
  else
    headers["Content-Type"] = "application/json"
    return wrk.format("PUT", "/api/v1/wellness/today", headers, checkin())
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.3f %d %d %d %d %d %d %d\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50), latency:percentile(99), e.status, e.connect, e.read, e.write, e.timeout))
end
