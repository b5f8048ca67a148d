# One command for the main job, one for every test. CI (.ci/run) calls `make test`.
.PHONY: corpus test test-rust test-python bench

# Parse the bundled corpus with the command line: JSON Lines and the long cells table in target/.
corpus:
	mkdir -p target
	cargo run --release -p gongkai-cli -- parse crates/gongkai/tests/corpus --output target/corpus.jsonl
	cargo run --release -p gongkai-cli -- --quiet parse crates/gongkai/tests/corpus --format csv --output target/corpus-cells.csv

# Every test: Rust (unit, golden, property, doc-tests), then Python (pytest and the example).
test: test-rust test-python

test-rust:
	cargo test --workspace --locked

# The Python package: built by pip (maturin, through build isolation) into a fresh virtual
# environment, then pytest (exit 5, no test collected, fails like any other non-zero exit) and
# the example script. PYTHON picks the interpreter (3.9 or later).
PYTHON ?= python3
VENV ?= .venv-test
test-python:
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check "./python[pandas,polars,spark,dask]" pytest matplotlib
	cd python/tests && ../../$(VENV)/bin/python -m pytest -q -p no:cacheprovider
	$(VENV)/bin/python examples/python/corpus_overview.py --out target/corpus_overview.png
	$(VENV)/bin/python examples/python/spark_corpus.py
	$(VENV)/bin/python examples/python/dask_corpus.py

# Every performance figure of the README in one run: criterion (Rust, per layout and template,
# scaling), the Python path and its anchors (a reading-order script, pandas.read_html), and the
# command line over the corpus replicated 100 times.
BENCH_VENV ?= .venv-bench
bench:
	cargo bench -p gongkai --bench parse
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check "./python[pandas]" lxml
	$(BENCH_VENV)/bin/python benches/baseline/compare.py
	$(BENCH_VENV)/bin/python examples/python/throughput.py
	bash benches/paths.sh
