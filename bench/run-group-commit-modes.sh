#!/usr/bin/env bash
# Group-commit strategies on the log target: alternates the JVM switches (same build, same dir) so
# drift hits every strategy alike. Figures: bench/summarize-log-runs.py OUT/TAG-*-MODE-*.json.
# usage: bench/run-group-commit-modes.sh DIR TAG N [OPS16]   (results in target/benchres)
set -u
dir=$1; tag=$2; n=$3; ops16=${4:-8000}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/target/benchres"; mkdir -p "$out"
for i in $(seq 1 "$n"); do
  for mode in gather nogather writer; do
    case $mode in
      gather) opts="-Dringlog.groupCommit=leader -Dringlog.groupCommit.gather=true" ;;
      nogather) opts="-Dringlog.groupCommit=leader" ;;
      writer) opts="-Dringlog.groupCommit=writer" ;;
    esac
    RINGLOG_JAVA_OPTS="$opts" "$root/bin/ringlog" bench --dir "$dir" --target log \
      --backend pwrite_dsync,raw:pwrite_dsync,io_uring,raw:io_uring,append_force \
      --size 4096 --threads 1 --ops 3000 --warmup 600 --rounds 3 --json "$out/$tag-qd1-$mode-$i.json" >/dev/null 2>"$out/$tag-qd1-$mode-$i.err"
    RINGLOG_JAVA_OPTS="$opts" "$root/bin/ringlog" bench --dir "$dir" --target log \
      --backend pwrite_dsync@1,pwrite_dsync,raw:pwrite_dsync,io_uring@1,io_uring,raw:io_uring \
      --size 512 --threads 16 --ops "$ops16" --warmup $((ops16 / 5)) --rounds 3 --json "$out/$tag-t16-$mode-$i.json" >"$out/$tag-t16-$mode-$i.out" 2>"$out/$tag-t16-$mode-$i.err"
  done
done
