-- wrk: the bare axum echo ceiling, with the same JSON body as advice.lua.
wrk.method = "POST"
wrk.path = "/echo"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"planned":{"kind":"intervals","minutes":20},"readiness":{"sleep_hours":7.5,"fatigue":3}}'
