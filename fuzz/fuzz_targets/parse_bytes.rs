//! `parse_bytes` on arbitrary bytes: never panics, and the report serialises.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(report) = gongkai::parse_bytes(data) {
        let _ = report.to_json();
    }
});
