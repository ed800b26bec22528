#!/usr/bin/env bash
# Before/after comparison of two builds on the log target, alternating them run by run.
# BEFORE_ROOT: a second checkout built with ./mvnw -DskipTests package (e.g. git archive of the old
# commit with this bench module copied in). usage: BEFORE_ROOT=/path bench/run-before-after.sh DIR TAG N
set -u
dir=$1; tag=$2; n=$3
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/target/benchres"; mkdir -p "$out"
for i in $(seq 1 "$n"); do
  for build in before after; do
    r="$root"; [ "$build" = before ] && r="$BEFORE_ROOT"
    "$r/bin/ringlog" bench --dir "$dir" --target log \
      --backend pwrite_dsync,raw:pwrite_dsync,io_uring,raw:io_uring,append_force \
      --size 4096 --threads 1 --ops 3000 --warmup 600 --rounds 3 --json "$out/$tag-qd1-$build-$i.json" >/dev/null 2>"$out/$tag-qd1-$build-$i.err"
    "$r/bin/ringlog" bench --dir "$dir" --target log \
      --backend pwrite_dsync@1,pwrite_dsync,raw:pwrite_dsync,io_uring@1,io_uring,raw:io_uring \
      --size 512 --threads 16 --ops 8000 --warmup 1600 --rounds 3 --json "$out/$tag-t16-$build-$i.json" >/dev/null 2>"$out/$tag-t16-$build-$i.err"
  done
done
