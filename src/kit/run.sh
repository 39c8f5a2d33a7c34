#!/bin/sh
# sgd-diagrams GPU kit: the ARCHIMEDES bench on this machine's GPU (WebGPU through Dawn on Vulkan)
# with the Node binary inside the kit, and the JAX peer beside it where python3 has JAX.
#   sh run.sh [--quick] [--sizes 16,20,24] [--steps 1000]   one JSON object on stdout
#   sh run.sh cli <command> …                               the sgd-diagrams CLI (README)
# Needs only a POSIX shell, tar (with gzip) and coreutils. Nothing is installed: the binaries are
# unpacked into a temporary folder that is removed at exit.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/sgd-kit.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
tar -xzf "$here/payload.tar.gz" -C "$work"
cp "$here/sgd-diagrams.mjs" "$here/bench.mjs" "$here/archimedes_jax.py" "$work/"
# The kit's Vulkan loader, found by Dawn's dlopen("libvulkan.so.1").
LD_LIBRARY_PATH="$work/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$work}"
export LD_LIBRARY_PATH XDG_RUNTIME_DIR
# Containers often have NVIDIA's driver but not its Vulkan manifest: write one when none exists.
if [ -z "${VK_ICD_FILENAMES:-}${VK_DRIVER_FILES:-}" ]; then
  found=
  for d in /usr/share/vulkan/icd.d /etc/vulkan/icd.d /usr/local/share/vulkan/icd.d; do
    for f in "$d"/*.json; do [ -e "$f" ] && found=1; done
  done
  if [ -z "$found" ]; then
    for lib in /usr/lib/x86_64-linux-gnu/libGLX_nvidia.so.0 /usr/lib64/libGLX_nvidia.so.0 /usr/lib/libGLX_nvidia.so.0; do
      if [ -e "$lib" ]; then
        printf '{"file_format_version":"1.0.0","ICD":{"library_path":"%s","api_version":"1.3.0"}}\n' "$lib" >"$work/nvidia_icd.json"
        VK_ICD_FILENAMES="$work/nvidia_icd.json"
        export VK_ICD_FILENAMES
        echo "run.sh: no Vulkan driver manifest found; using $lib" >&2
        break
      fi
    done
  fi
fi
if [ "${1:-}" = cli ]; then
  shift
  "$work/node" "$work/sgd-diagrams.mjs" "$@"
else
  "$work/node" "$work/bench.mjs" "$@"
fi
