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

# Timing runs write to /dev/null: on two cores a checksum process would compete with hjl.
declare -A secs
for threads in 1 2; do
  timing=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$timing" \
    target/release/hjl eval --json --threads "$threads" rulesets/ "$file" > /dev/null
  read -r elapsed kb < "$timing"
  rm -f "$timing"
  secs[$threads]=$elapsed
  echo "threads=$threads: ${elapsed} s, $(( kb / 1024 )) MB peak RSS, $(awk -v r="$records" -v s="$elapsed" 'BEGIN { printf "%.0f", r / s }') records/s"
done
awk -v a="${secs[1]}" -v b="${secs[2]}" 'BEGIN { printf "speed-up on 2 threads: %.2fx\n", a / b }'

# Order: the first 50,000 records judged on 1 and on 2 threads give identical output.
sample=$(mktemp)
head -n 50000 "$file" > "$sample"
one=$(target/release/hjl eval --json --threads 1 rulesets/ "$sample" --jsonl | md5sum)
two=$(target/release/hjl eval --json --threads 2 rulesets/ "$sample" --jsonl | md5sum)
rm -f "$sample"
if [ "$one" = "$two" ]; then
  echo "output identical on 1 and 2 threads for the first 50000 records (input order kept)"
else
  echo "OUTPUT DIFFERS between 1 and 2 threads" >&2
  exit 1
fi
