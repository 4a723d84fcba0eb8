#!/bin/sh
# Releases Concord to a Kubernetes cluster in order, with kubectl and an overlay of this folder:
#   infra/k8s/release.sh infra/k8s/overlays/production
# 1. the database (CloudNativePG's Cluster and its NetworkPolicy), and waits until it is ready;
# 2. the migration Job of this release, after deleting the last one (a Job's template cannot change), and waits
#    until it has completed; a failed migration stops the release here, with its log, before anything rolls;
# 3. everything else, and waits for the Deployments to roll out.
# Plain Kustomize has no hooks (Helm's, Argo CD's): this order is the release's, and tests/infra checks it.
set -eu

overlay=${1:?usage: release.sh OVERLAY_DIRECTORY}
namespace=$(sed -n 's/^namespace: *//p' "$overlay/kustomization.yaml")
[ -n "$namespace" ] || { echo "release.sh: $overlay/kustomization.yaml sets no namespace" >&2; exit 2; }
label=app.kubernetes.io/component
timeout=${RELEASE_TIMEOUT:-15m}

echo "== database ($namespace)"
kubectl apply -k "$overlay" -l "$label=database"
kubectl -n "$namespace" wait --for=condition=Ready cluster/concord-db --timeout="$timeout"

echo "== migrations"
kubectl -n "$namespace" delete job concord-migrate --ignore-not-found --wait=true
kubectl apply -k "$overlay" -l "$label=migrate"
while :; do
  state=$(kubectl -n "$namespace" get job concord-migrate \
    -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}')
  case " $state " in
    *" Complete "*) break ;;
    *" Failed "*)
      kubectl -n "$namespace" logs job/concord-migrate --tail=50 >&2 || true
      echo "release.sh: the migration failed; nothing was rolled out" >&2
      exit 1
      ;;
  esac
  sleep 5
done

echo "== rollout"
kubectl apply -k "$overlay" -l "$label notin (database,migrate)"
for deployment in concord-api concord-worker concord-portal; do
  kubectl -n "$namespace" rollout status "deployment/$deployment" --timeout="$timeout"
done
