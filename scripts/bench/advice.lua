-- wrk: POST /api/v1/advice as the dashboard sends it (the log fills in the athlete, today's lift and check-in).
wrk.method = "POST"
wrk.path = "/api/v1/advice"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"planned":{"kind":"intervals","minutes":20},"readiness":{"sleep_hours":7.5,"fatigue":3}}'
