//! Benchmarks of the mission tier (divan): one five-year mission of the default design on one
//! core (the per-design cost once the scenario's day-by-day geometry is prepared), the same with
//! the per-day arrays recorded, the scenario preparation itself, and a batch of 256 designs.
//!
//! Run: `cargo bench -p orbitflops-core --bench mission`.

use divan::{black_box, Bencher};
use orbitflops_core::batch::Column;
use orbitflops_core::mission::{evaluate_batch, simulate, MissionDays, MissionPrepared};
use orbitflops_core::Scenario;

fn main() {
    divan::main();
}

fn five_years() -> Scenario {
    let mut s = Scenario::default();
    s.params.lifetime_yr = 5.0;
    s
}

/// One five-year mission, lifetime totals only (what `evaluate_batch(tier="mission")` runs per
/// design).
#[divan::bench]
fn one_design_five_years(b: Bencher) {
    let s = five_years();
    let mp = MissionPrepared::new(&s).unwrap();
    let d = s.design;
    b.bench(|| simulate(black_box(&mp), black_box(&d), None, None, None));
}

/// One five-year mission with the 11 per-day arrays recorded.
#[divan::bench]
fn one_design_five_years_with_days(b: Bencher) {
    let s = five_years();
    let mp = MissionPrepared::new(&s).unwrap();
    let d = s.design;
    b.bench(|| {
        let mut days = MissionDays::default();
        simulate(black_box(&mp), black_box(&d), Some(&mut days), None, None);
        days
    });
}

/// Scenario-only preparation: 1,826 days of Sun, node, beta, eclipse, flux and coatings.
#[divan::bench]
fn prepare_five_years(b: Bencher) {
    let s = five_years();
    b.bench(|| MissionPrepared::new(black_box(&s)).unwrap());
}

/// 256 designs (racks 1-8, areas scaled with racks) through the parallel batch.
#[divan::bench(args = [1, 2])]
fn batch_256_designs(b: Bencher, threads: usize) {
    orbitflops_core::parallel::set_num_threads(threads);
    let s = five_years();
    let mp = MissionPrepared::new(&s).unwrap();
    let n = 256;
    let racks: Vec<f64> = (0..n).map(|i| 1.0 + (i % 8) as f64).collect();
    let area: Vec<f64> = racks.iter().map(|r| r * s.design.array_area_m2 / s.design.racks).collect();
    let rad: Vec<f64> = racks.iter().map(|r| r * s.design.radiator_area_m2 / s.design.racks).collect();
    let cols = [Some(Column::slice(&area)), Some(Column::slice(&rad)), Some(Column::slice(&racks)), None, None];
    b.bench(|| evaluate_batch(black_box(&mp), &s.design, n, &cols).unwrap());
}
