#!/usr/bin/env bash
# The command line's throughput beside the library's: the bundled corpus replicated into
# target/bench-corpus (N copies, default 100), parsed to JSON Lines with 1 and 2 threads.
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-100}
dir=target/bench-corpus
rm -rf "$dir" && mkdir -p "$dir"
for i in $(seq 1 "$copies"); do
  mkdir -p "$dir/$i" && cp crates/gongkai/tests/corpus/seeds/*.txt crates/gongkai/tests/corpus/real/*.txt "$dir/$i/"
done
cargo build --release -q -p gongkai-cli
files=$(find "$dir" -name '*.txt' | wc -l)
bytes=$(du -sb "$dir" | cut -f1)
for threads in 1 2; do
  start=$(date +%s.%N)
  target/release/gongkai --quiet parse "$dir" --threads "$threads" > /dev/null
  end=$(date +%s.%N)
  python3 -c "s=$end-$start; print(f'gongkai parse, {$threads} thread(s): $files files, {$bytes/s/1e6:.1f} MB/s, {$files/s:.0f} reports/s')"
done
