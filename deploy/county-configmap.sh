#!/usr/bin/env bash
# A county's schedules overlay directory -> the ConfigMap that carries it, and the `items` that put
# each file back at its place under /etc/calc/county (docs/deployment.md).
#
#   deploy/county-configmap.sh DIR            ConfigMap YAML on stdout (kubectl create --dry-run=client)
#   deploy/county-configmap.sh --items DIR    the volume's `items:` list for deploy/k8s/20-deployment.yaml
#
# A ConfigMap key cannot hold '/', so penalties/example-county.toml travels as the flat key
# penalties.example-county.toml and the volume's items map it back to its subpath. Every *.toml under
# DIR is taken; a name a key cannot carry (anything but letters, digits, '.', '-', '_') or two paths
# that flatten to the same key are refused rather than silently dropped.
#
# Environment: NAME (calc-county-schedules), NAMESPACE (calc).
set -euo pipefail

mode=configmap
if [ "${1:-}" = "--items" ]; then
    mode=items
    shift
fi
dir=${1:?usage: county-configmap.sh [--items] DIR}
[ -d "$dir" ] || { echo "county-configmap.sh: $dir: not a directory" >&2; exit 2; }
name=${NAME:-calc-county-schedules}
namespace=${NAMESPACE:-calc}

paths=$(cd "$dir" && find . -name '*.toml' -type f | sed 's|^\./||' | LC_ALL=C sort)
[ -n "$paths" ] || { echo "county-configmap.sh: no *.toml under $dir" >&2; exit 2; }

args=()
seen=" "
items="items:"
while IFS= read -r path; do
    key=${path//\//.}
    if ! [[ $key =~ ^[-._a-zA-Z0-9]+$ ]] || [ ${#key} -gt 253 ]; then
        echo "county-configmap.sh: $path: a ConfigMap key may hold only letters, digits, '.', '-', '_'" >&2
        exit 2
    fi
    case "$seen" in *" $key "*)
        echo "county-configmap.sh: $path: key $key is already taken by another file" >&2
        exit 2
    esac
    seen="$seen$key "
    args+=("--from-file=$key=$dir/$path")
    items="$items
  - key: $key
    path: $path"
done <<< "$paths"

if [ "$mode" = items ]; then
    printf '%s\n' "$items"
else
    kubectl create configmap "$name" --namespace "$namespace" "${args[@]}" --dry-run=client -o yaml
fi
