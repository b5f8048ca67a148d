# One command for the main job, one for every test. CI (.ci/run) calls `make test`.
.PHONY: corpus test test-rust

# Parse the bundled corpus and print a summary.
corpus:
	cargo run --release --example corpus_summary

# Every test: Rust (unit, golden, property, doc-tests).
test: test-rust

test-rust:
	cargo test --workspace --locked
