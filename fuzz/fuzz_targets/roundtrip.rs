//! A synthetic report (layout, format, blank rate and seed taken from the input) parses back to
//! its values: decidable cells exactly, undecidable run-together cells exactly or blank.
#![no_main]

use gongkai::Template;
use gongkai::synth::{self, Layout, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 11 {
        return;
    }
    let layout = Layout::from_index(data[0] as usize);
    let template = if data[1] & 1 == 1 { Template::F2019 } else { Template::F2021 };
    let blanks = u32::from(data[2]) % 200;
    let mut seed = [0u8; 8];
    seed.copy_from_slice(&data[3..11]);
    let seed = u64::from_le_bytes(seed);
    let g = synth::generate(seed, &Options::new(template, layout).blank_per_mille(blanks));
    let report = gongkai::parse(&g.text).expect("a generated report is never too large");
    let diffs = g.mismatches(&report);
    assert!(
        diffs.is_empty(),
        "seed {seed}, {} {}, blanks {blanks}/1000:\n  {}",
        template.as_str(),
        layout.name(),
        diffs.join("\n  ")
    );
});
