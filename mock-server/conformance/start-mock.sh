# Sourced by run.sh and schemathesis.sh: builds the standalone storefront-mock, starts it on a
# free loopback port and sets MOCK_URL / MOCK_PID; stops it on EXIT.
# Optional: MOCK_PROFILE=release, MOCK_ARGS="--config FILE ...".
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
profile="${MOCK_PROFILE:-debug}"
if [ "$profile" = release ]; then
  (cd "$root" && cargo build -q --release -p storefront-mock --bin storefront-mock)
else
  (cd "$root" && cargo build -q -p storefront-mock --bin storefront-mock)
fi
target_dir="$(cd "$root" && cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
bin="$target_dir/$profile/storefront-mock"

mock_log="$(mktemp)"
mock_out="$(mktemp)"
# shellcheck disable=SC2086
"$bin" --port 0 --host 127.0.0.1 --publishable-key pk_test ${MOCK_ARGS:-} >"$mock_out" 2>"$mock_log" &
MOCK_PID=$!
stop_mock() {
  kill -TERM "$MOCK_PID" 2>/dev/null || true
  wait "$MOCK_PID" 2>/dev/null || true
  rm -f "$mock_log" "$mock_out"
}
trap stop_mock EXIT

line=""
for _ in $(seq 1 400); do
  line="$(head -n1 "$mock_out" 2>/dev/null || true)"
  [ -n "$line" ] && break
  kill -0 "$MOCK_PID" 2>/dev/null || { echo "storefront-mock exited early:" >&2; cat "$mock_log" >&2; exit 1; }
  sleep 0.05
done
case "$line" in
  "listening on http://"*) MOCK_URL="${line#listening on }" ;;
  *) echo "unexpected first stdout line: '$line'" >&2; cat "$mock_log" >&2; exit 1 ;;
esac
export MOCK_URL MOCK_PID
echo "storefront-mock ($profile) at $MOCK_URL, pid $MOCK_PID" >&2
