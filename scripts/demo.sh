#!/usr/bin/env bash
# Offline demo: the Fireworks simulator and the standalone server on loopback, a few requests, then both stopped.
# Needs the .NET 10 SDK, curl and jq. Usage: scripts/demo.sh [adapter port] [simulator port]
set -euo pipefail
cd "$(dirname "$0")/.."

adapter_port="${1:-7071}"
simulator_port="${2:-5005}"
adapter="http://127.0.0.1:$adapter_port"
key=demo
logs=$(mktemp -d)
pids=()

stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT

wait_ready() { # url name log
  for _ in $(seq 1 120); do
    if curl -fs "$1" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "$2 did not become ready; its log:" >&2
  cat "$3" >&2
  exit 1
}

echo "== building"
dotnet build tests/FireworksSimulator -c Release -v quiet -nologo >/dev/null
dotnet build src/ImageAdapter.Server -c Release -v quiet -nologo >/dev/null

echo "== starting the simulator on $simulator_port and the adapter on $adapter_port (logs in $logs)"
dotnet run --no-build -c Release --project tests/FireworksSimulator -- --urls "http://127.0.0.1:$simulator_port" >"$logs/simulator.log" 2>&1 &
pids+=($!)
Fireworks__BaseUrl="http://127.0.0.1:$simulator_port/inference/v1" Fireworks__ApiKey=fw-test-key Auth__ApiKeys=$key \
  dotnet run --no-build -c Release --project src/ImageAdapter.Server -- --urls "$adapter" >"$logs/adapter.log" 2>&1 &
pids+=($!)
wait_ready "$adapter/readyz" "The adapter" "$logs/adapter.log"

generate() { # body
  curl -fsS "$adapter/v1/images/generations" -H "Authorization: Bearer $key" -H "Content-Type: application/json" -d "$1"
}

echo "== GET /v1/models"
curl -fsS "$adapter/v1/models" -H "Authorization: Bearer $key" | jq -e '[.data[].id]'

echo "== FLUX schnell, 1792x1024, saved as demo-lighthouse.png"
generate '{"model":"flux-1-schnell-fp8","prompt":"a lighthouse at dawn","size":"1792x1024"}' \
  | jq -er '.data[0].b64_json' | base64 -d > demo-lighthouse.png
file demo-lighthouse.png 2>/dev/null || ls -l demo-lighthouse.png

echo "== FLUX Kontext pro, n=2"
generate '{"model":"flux-kontext-pro","prompt":"a red fox","n":2}' \
  | jq -e '{created, output_format, size, usage, images: (.data | length)}'

echo "== FLUX Kontext pro edits demo-lighthouse.png (multipart, as the OpenAI SDKs send it)"
curl -fsS "$adapter/v1/images/edits" -H "Authorization: Bearer $key" \
  -F model=flux-kontext-pro -F prompt="the same lighthouse at night" -F image=@demo-lighthouse.png \
  | jq -e '{output_format, size, usage, images: (.data | length)}'

echo "== an error: unknown model (the OpenAI error envelope)"
curl -sS "$adapter/v1/images/generations" -H "Authorization: Bearer $key" -H "Content-Type: application/json" \
  -d '{"model":"no-such-model","prompt":"x"}' | jq -e '.error'

echo "== done"
