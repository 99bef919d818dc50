# Sourced by the dashboard benchmarks: a scratch folder removed on exit (KEEP=1 keeps it), and an
# `afterlift serve` on a port the system picks (no free-port-then-bind race: the server binds port 0 and
# says where it listens), waited for until it answers. Sets $dir, $server and $base.
#
#   . scripts/bench/serve.sh
#   serve "$bin" --db "$dir/log.db"      # global options before `serve`; PORT=N binds that port instead

dir=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  wait 2>/dev/null || true
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $dir" >&2; else rm -rf "$dir"; fi
}
trap cleanup EXIT

serve() {
  "$@" serve --json --bind "127.0.0.1:${PORT:-0}" >"$dir/serve.out" 2>"$dir/serve.err" &
  server=$!
  base=
  for _ in $(seq 200); do
    kill -0 "$server" 2>/dev/null || { cat "$dir/serve.err" >&2; return 1; }
    if [ -z "$base" ] && [ -s "$dir/serve.out" ]; then
      base=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["url"].rstrip("/"))' <"$dir/serve.out")
    fi
    [ -n "$base" ] && curl -sf "$base/api/v1/limits" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "the server did not answer in 20 s" >&2
  return 1
}
