#!/usr/bin/env bash
# Batch judgement with `hjl eval` on a large JSON Lines file of generated 工贸 records:
# wall time on 1 and 2 threads, peak memory, and whether the outputs are identical
# (the single-threaded output is in input order by construction).
#
# Usage: bash crates/hjl-cli/benches/batch.sh [MEGABYTES]     (default 1024)
set -euo pipefail
cd "$(dirname "$0")/../../.."
mb=${1:-1024}
file=${HJL_BENCH_JSONL:-${TMPDIR:-/tmp}/hjl-bench-$mb.jsonl}

cargo build --release --quiet -p hjl-cli
if [ ! -f "$file" ]; then
  cargo bench --quiet -p hjl-core --bench ratios -- --write-jsonl "$file" "$mb"
fi
records=$(wc -l < "$file")
echo "input: $file, $mb MB, $records records; rules: every file in rulesets/"

declare -A secs sums
for threads in 1 2; do
  timing=$(mktemp)
  sums[$threads]=$( { /usr/bin/time -f "%e %M" -o "$timing" \
      target/release/hjl eval --json --threads "$threads" rulesets/ "$file"; } | md5sum | cut -d' ' -f1 )
  read -r elapsed kb < "$timing"
  rm -f "$timing"
  secs[$threads]=$elapsed
  echo "threads=$threads: ${elapsed} s, $(( kb / 1024 )) MB peak RSS, $(awk -v r="$records" -v s="$elapsed" 'BEGIN { printf "%.0f", r / s }') records/s"
done
awk -v a="${secs[1]}" -v b="${secs[2]}" 'BEGIN { printf "speed-up on 2 threads: %.2fx\n", a / b }'
if [ "${sums[1]}" = "${sums[2]}" ]; then
  echo "outputs identical on 1 and 2 threads (input order kept)"
else
  echo "OUTPUTS DIFFER between 1 and 2 threads" >&2
  exit 1
fi
