//! Benchmarks of the core kernels (divan): one design end to end, preparing a scenario (the
//! year of orbit geometry), closed-form sizing, and batch evaluation over 1e5 designs with the
//! default output selection, one output, and every output, on 1 and 2 threads.
//!
//! Run: `cargo bench -p orbitflops-core --bench core`.

use divan::{black_box, Bencher};
use orbitflops_core::batch::{evaluate_batch, BatchInput, Column, OnInvalid, DEFAULT_SELECTION};
use orbitflops_core::outputs::{out_idx, N_OUTPUTS};
use orbitflops_core::{evaluate_prepared, size, Design, Prepared, Scenario};

fn main() {
    divan::main();
}

/// Designs spread around the default design (areas x0.3-x1.5, 1-8 racks, 0-2 spares), from a
/// fixed linear congruential sequence so that every run sees the same inputs.
fn designs(n: usize) -> [Vec<f64>; 4] {
    let mut state: u64 = 12345;
    let mut next = move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let d = Scenario::default().design;
    let mut cols: [Vec<f64>; 4] = Default::default();
    for _ in 0..n {
        cols[0].push(d.array_area_m2 * (0.3 + 1.2 * next()));
        cols[1].push(d.radiator_area_m2 * (0.3 + 1.2 * next()));
        cols[2].push((1.0 + (8.0 * next()).floor()).min(8.0));
        cols[3].push((3.0 * next()).floor().min(2.0));
    }
    cols
}

#[divan::bench]
fn evaluate_one(b: Bencher) {
    let s = Scenario::default();
    let pr = Prepared::new(&s).unwrap();
    let d = Design { spare_racks: 1.0, ..s.design };
    b.bench(|| evaluate_prepared(black_box(&pr), black_box(&d)));
}

#[divan::bench]
fn prepare_scenario(b: Bencher) {
    let s = Scenario::default();
    b.bench(|| Prepared::new(black_box(&s)).unwrap());
}

#[divan::bench]
fn size_closed_form(b: Bencher) {
    let s = Scenario::default();
    let pr = Prepared::new(&s).unwrap();
    b.bench(|| size(black_box(&pr), black_box(8.0), black_box(1.0)).unwrap());
}

const BATCH: usize = 100_000;

fn batch(b: Bencher, threads: usize, select: &[usize]) {
    orbitflops_core::parallel::set_num_threads(threads);
    let s = Scenario::default();
    let pr = Prepared::new(&s).unwrap();
    let cols = designs(BATCH);
    let input = BatchInput {
        len: BATCH,
        design: [Some(Column::slice(&cols[0])), Some(Column::slice(&cols[1])), Some(Column::slice(&cols[2])), Some(Column::slice(&cols[3])), None],
        overrides: vec![],
        sized: false,
    };
    b.counter(divan::counter::ItemsCount::new(BATCH)).bench(|| evaluate_batch(&s, &pr, black_box(&input), select, OnInvalid::Raise).unwrap());
}

/// 1e5 designs, the default output selection (`orbitflops.DEFAULT_BATCH_OUTPUTS`).
#[divan::bench(args = [1, 2])]
fn batch_default_outputs(b: Bencher, threads: usize) {
    batch(b, threads, &DEFAULT_SELECTION);
}

/// 1e5 designs, cost per FLOP only (an optimiser's objective).
#[divan::bench(args = [1, 2])]
fn batch_cost_per_flop(b: Bencher, threads: usize) {
    batch(b, threads, &[out_idx::cost_per_flop_usd]);
}

/// 1e5 designs, every output (the generic kernel with its output scatter).
#[divan::bench(args = [1, 2])]
fn batch_all_outputs(b: Bencher, threads: usize) {
    let all: Vec<usize> = (0..N_OUTPUTS).collect();
    batch(b, threads, &all);
}
