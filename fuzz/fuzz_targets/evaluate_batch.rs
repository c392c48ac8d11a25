//! Batch evaluation over arbitrary f64 columns (NaN, inf, subnormal, huge), strides, lengths and
//! per-design parameter overrides: never panics; "raise" fails exactly when "nan" marks a row
//! invalid and names that row; valid rows are never NaN (inf only where documented) and equal
//! the single-design evaluation.
#![no_main]

use libfuzzer_sys::fuzz_target;
use orbitflops_core::batch::{evaluate_batch, BatchInput, Column, OnInvalid};
use orbitflops_core::{evaluate, Design, Prepared, Scenario, OUTPUTS, PARAMS};

#[path = "common.rs"]
mod common;
use common::Reader;

fuzz_target!(|data: &[u8]| {
    let mut r = Reader(data);
    let s = Scenario::default();
    let pr = Prepared::new(&s).expect("default scenario");
    let Some(h) = r.byte() else { return };
    let n = (h % 9) as usize;
    let Some(mask) = r.byte() else { return };
    let Some(n_over) = r.byte() else { return };
    let base = s.design;
    let typical = [base.array_area_m2, base.radiator_area_m2, 2.0, 1.0, 1e9];
    // Column storage: each column is (values, stride).
    let mut store: Vec<(Vec<f64>, usize)> = Vec::new();
    let mut which: Vec<(Option<usize>, f64)> = Vec::new(); // (design field or param idx + 5, typical)
    for k in 0..5 {
        if mask & (1 << k) != 0 {
            which.push((Some(k), typical[k]));
        }
    }
    for _ in 0..n_over % 3 {
        let Some(b) = r.byte() else { return };
        let i = b as usize % PARAMS.len();
        if which.iter().any(|w| w.0 == Some(5 + i)) {
            continue;
        }
        which.push((Some(5 + i), PARAMS[i].default.abs().max(1e-3)));
    }
    for &(_, t) in &which {
        let Some(sb) = r.byte() else { return };
        let stride = 1 + (sb % 3) as usize;
        let scalar = sb & 0x80 != 0;
        let len = if scalar { 1 } else if n == 0 { 0 } else { (n - 1) * stride + 1 };
        let mut v = Vec::with_capacity(len);
        for _ in 0..len {
            // A valid value most of the time, so that most rows exercise the model.
            let Some(tag) = r.byte() else { return };
            if tag < 160 {
                v.push(t * (0.5 + tag as f64 / 160.0));
            } else {
                let Some(x) = r.f64(t) else { return };
                v.push(x);
            }
        }
        store.push((v, if scalar { 0 } else { stride }));
    }
    let col = |j: usize| {
        let (v, stride) = &store[j];
        if *stride == 0 { Column::Scalar(v[0]) } else { Column::Strided { data: v, stride: *stride } }
    };
    let mut design: [Option<Column>; 5] = [None; 5];
    let mut overrides = Vec::new();
    for (j, &(w, _)) in which.iter().enumerate() {
        let w = w.unwrap();
        if w < 5 {
            design[w] = Some(col(j));
        } else {
            overrides.push((w - 5, col(j)));
        }
    }
    let input = BatchInput { len: n, design, overrides, sized: false, radiator_temp_k: None };
    let select: Vec<usize> = (0..OUTPUTS.len()).collect();
    let out = evaluate_batch(&s, &pr, &input, &select, OnInvalid::Nan).expect("shapes are consistent");
    let raised = evaluate_batch(&s, &pr, &input, &select, OnInvalid::Raise);
    let first_bad = out.valid.iter().position(|v| !v);
    match (&raised, first_bad) {
        (Ok(_), None) => {}
        (Err(e), Some(i)) => assert_eq!(e.index, Some(i), "raise names row {:?}, nan marks row {i} first: {e}", e.index),
        (r, f) => panic!("raise {:?} but first invalid row {f:?}", r.as_ref().err()),
    }
    for i in 0..n {
        let row: Vec<f64> = out.columns.iter().map(|c| c[i]).collect();
        if !out.valid[i] {
            assert!(out.reason[i] != 0, "invalid row {i} without a reason");
            assert!(row.iter().all(|v| v.is_nan()), "invalid row {i} has numbers");
            continue;
        }
        assert_eq!(out.reason[i], 0);
        let mut si = s.clone();
        let mut d: Design = base;
        for (j, &(w, _)) in which.iter().enumerate() {
            let v = col(j).get(i);
            match w.unwrap() {
                0 => d.array_area_m2 = v,
                1 => d.radiator_area_m2 = v,
                2 => d.racks = v,
                3 => d.spare_racks = v,
                4 => d.battery_energy_j = Some(v),
                p => si.params.set(p - 5, v),
            }
        }
        common::check_all(&row, &(i, &d, &input.overrides));
        let single = evaluate(&si, &d).expect("a valid batch row is a valid single design");
        for (k, (&a, &b)) in row.iter().zip(single.as_slice()).enumerate() {
            assert!(a.to_bits() == b.to_bits() || (a - b).abs() <= 1e-12 * b.abs(), "row {i} {}: batch {a} single {b}", OUTPUTS[k].name);
        }
    }
});
