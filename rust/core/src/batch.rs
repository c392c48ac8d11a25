//! Batch evaluation: millions of designs in one call, in parallel, reading strided input columns
//! in place and writing only the selected output columns.
//!
//! When only design variables vary, the scenario is prepared once and each design costs only
//! the analytic kernel. When scenario parameters vary per design (Monte Carlo, sweeps over
//! altitude), each design gets its own derived quantities; the year of orbit geometry is only
//! recomputed when an orbit parameter varies.

use crate::error::InputError;
use crate::model::{evaluate_prepared, orbit_stats, Prepared, ORBIT_PARAMS};
use crate::outputs::{out_idx, Outputs, N_OUTPUTS};
use crate::params::{Params, PARAMS};
use crate::scenario::{check_design_value, check_param, check_relations, Design, Scenario};
use rayon::prelude::*;
use std::mem::{ManuallyDrop, MaybeUninit};

/// A column of `n` not yet written values.
fn uninit_column(n: usize) -> Vec<MaybeUninit<f64>> {
    let mut v = Vec::with_capacity(n);
    // SAFETY: `MaybeUninit<f64>` needs no initialisation and the capacity is `n`.
    unsafe { v.set_len(n) };
    v
}

/// The column once every element has been written.
fn assume_written(v: Vec<MaybeUninit<f64>>) -> Vec<f64> {
    let mut v = ManuallyDrop::new(v);
    // SAFETY: called only after the batch loop wrote every element (each design writes a value
    // or NaN to every selected column); `MaybeUninit<f64>` has the layout of `f64`, and the
    // pointer, length and capacity come from a live Vec whose ownership moves here.
    unsafe { Vec::from_raw_parts(v.as_mut_ptr() as *mut f64, v.len(), v.capacity()) }
}

/// One input column: a scalar broadcast to every design, or a strided view of f64 values.
#[derive(Clone, Copy, Debug)]
pub enum Column<'a> {
    Scalar(f64),
    /// Element i is `data[i * stride]`.
    Strided { data: &'a [f64], stride: usize },
}

impl<'a> Column<'a> {
    /// A contiguous column.
    pub fn slice(data: &'a [f64]) -> Self {
        Column::Strided { data, stride: 1 }
    }
    #[inline(always)]
    pub fn get(&self, i: usize) -> f64 {
        match *self {
            Column::Scalar(v) => v,
            Column::Strided { data, stride } => data[i * stride],
        }
    }
    /// Number of elements this column can serve (None for a scalar).
    pub fn len(&self) -> Option<usize> {
        match *self {
            Column::Scalar(_) => None,
            Column::Strided { data, stride } => Some(if data.is_empty() { 0 } else { (data.len() - 1) / stride.max(1) + 1 }),
        }
    }
}

/// The inputs of a batch.
#[derive(Clone, Debug)]
pub struct BatchInput<'a> {
    /// Number of designs.
    pub len: usize,
    /// Design columns in `scenario::DESIGN_FIELDS` order; `None` takes the scenario's design
    /// value (and for `battery_energy_j`, sizes the battery).
    pub design: [Option<Column<'a>>; 5],
    /// Per-design values of scenario parameters: (parameter index, column).
    pub overrides: Vec<(usize, Column<'a>)>,
    /// Replace each design's array and radiator areas (and battery) by the smallest feasible
    /// ones for its racks and its parameters ([`crate::model::size`]); the area and battery
    /// columns must then be absent.
    pub sized: bool,
    /// With `sized`: the end-of-life radiator temperature each design's radiator is sized to run
    /// at (K); `None` sizes it at the radiator limit.
    pub radiator_temp_k: Option<Column<'a>>,
}

/// What to do with an invalid design.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnInvalid {
    /// Fail the whole call, naming the first bad index, field and value.
    Raise,
    /// Return NaN outputs for that design, a validity mask and a reason code.
    Nan,
}

/// Reason codes: 0 valid; 1-5 a design field (`DESIGN_FIELDS` index + 1); `PARAM_REASON_BASE + i`
/// a scenario parameter i; `RELATION_REASON` a relation between parameters.
pub const PARAM_REASON_BASE: u16 = 100;
pub const RELATION_REASON: u16 = 99;
/// Reason code of a design that `sized` could not size (no array or radiator area suffices).
pub const SIZING_REASON: u16 = 98;

/// Batch results: selected output columns and, for `OnInvalid::Nan`, validity and reasons.
#[derive(Debug)]
pub struct BatchOutput {
    pub columns: Vec<Vec<f64>>,
    pub valid: Vec<bool>,
    pub reason: Vec<u16>,
}

const CHUNK: usize = 2048;

/// One chunk of the outputs: first design index, output column parts, validity and reason parts.
type Chunk<'o> = (usize, Vec<&'o mut [MaybeUninit<f64>]>, Option<&'o mut [bool]>, Option<&'o mut [u16]>);

/// `orbitflops.DEFAULT_BATCH_OUTPUTS`, the selection with its own compiled kernel.
pub const DEFAULT_SELECTION: [usize; 12] = [
    out_idx::cost_per_flop_usd,
    out_idx::delivered_flops,
    out_idx::mass_total_kg,
    out_idx::capex_usd,
    out_idx::power_margin_w,
    out_idx::dod_margin,
    out_idx::thermal_margin_k,
    out_idx::mass_margin_kg,
    out_idx::radiator_temp_k,
    out_idx::feasible,
    out_idx::cost_ratio,
    out_idx::breakeven_launch_usd_per_kg,
];

/// A design column as the fast path reads it: a constant, a contiguous slice, or strided.
#[derive(Clone, Copy)]
enum Src<'a> {
    Const(f64),
    Slice(&'a [f64]),
    Strided(&'a [f64], usize),
}

impl<'a> From<Column<'a>> for Src<'a> {
    fn from(c: Column<'a>) -> Self {
        match c {
            Column::Scalar(v) => Src::Const(v),
            Column::Strided { data, stride: 1 } => Src::Slice(data),
            Column::Strided { data, stride } => Src::Strided(data, stride),
        }
    }
}

impl<'a> Src<'a> {
    /// The part of the column for designs start..start + len, as a contiguous slice when it is
    /// one (so that the loop indexes it without bounds checks).
    #[inline]
    fn part(self, start: usize, len: usize) -> Src<'a> {
        match self {
            Src::Slice(d) => Src::Slice(&d[start..start + len]),
            Src::Strided(d, s) => Src::Strided(&d[start * s..], s),
            c => c,
        }
    }
    #[inline(always)]
    fn get(&self, r: usize) -> f64 {
        match *self {
            Src::Const(v) => v,
            Src::Slice(d) => d[r],
            Src::Strided(d, s) => d[r * s],
        }
    }
}

/// The design columns of one chunk, read row by row (the base design's value where a field is not
/// given), with the check of the given fields.
#[derive(Clone, Copy)]
struct ChunkDesigns<'a> {
    fields: [Src<'a>; 4],
    battery: Option<Src<'a>>,
    base_battery: Option<f64>,
    given: [bool; 5],
}

impl<'a> ChunkDesigns<'a> {
    #[inline(always)]
    fn new(base: &Design, cols: &[Option<Src<'a>>; 5], start: usize, len: usize) -> Self {
        let part = |k: usize, v: f64| cols[k].map(|c| c.part(start, len)).unwrap_or(Src::Const(v));
        ChunkDesigns {
            fields: [part(0, base.array_area_m2), part(1, base.radiator_area_m2), part(2, base.racks), part(3, base.spare_racks)],
            battery: cols[4].map(|c| c.part(start, len)),
            base_battery: base.battery_energy_j,
            given: std::array::from_fn(|k| cols[k].is_some()),
        }
    }

    /// The design of row `r` of the chunk, and its first invalid given field (`DESIGN_FIELDS`
    /// index), if any.
    #[inline(always)]
    fn get(&self, r: usize) -> (Design, Option<usize>) {
        let d = Design {
            array_area_m2: self.fields[0].get(r),
            radiator_area_m2: self.fields[1].get(r),
            racks: self.fields[2].get(r),
            spare_racks: self.fields[3].get(r),
            battery_energy_j: match self.battery {
                None => self.base_battery,
                Some(b) => Some(b.get(r)),
            },
        };
        let vals = [d.array_area_m2, d.radiator_area_m2, d.racks, d.spare_racks, d.battery_energy_j.unwrap_or(0.0)];
        let bad = (0..5).find(|&k| self.given[k] && !design_value_ok(k, vals[k]));
        (d, bad)
    }
}

/// Evaluate one chunk of designs when no scenario parameter varies: the prepared scenario is
/// shared, design values are read straight from the columns and checked (an invalid design gets
/// NaN outputs and its reason code). `emit` writes the selected outputs. Returns the first invalid
/// design of the chunk and its first bad field.
#[inline(always)]
fn fast_chunk<E: Fn(&Outputs, &mut [&mut [MaybeUninit<f64>]], usize)>(pr: &Prepared, base: &Design, cols: &[Option<Src>; 5], n: usize, chunk: Chunk, emit: E) -> Option<(usize, usize)> {
    let (start, mut outs, mut ok, mut why) = chunk;
    let len = (n - start).min(CHUNK);
    let designs = ChunkDesigns::new(base, cols, start, len);
    let mut first = None;
    for r in 0..len {
        let (d, bad) = designs.get(r);
        if let Some(k) = bad {
            first.get_or_insert((start + r, k));
            for col in outs.iter_mut() {
                col[r] = MaybeUninit::new(f64::NAN);
            }
            if let Some(ok) = ok.as_deref_mut() {
                ok[r] = false;
            }
            if let Some(why) = why.as_deref_mut() {
                why[r] = k as u16 + 1;
            }
            continue;
        }
        let o = evaluate_prepared(pr, &d);
        emit(&o, &mut outs, r);
    }
    first
}

/// Designs evaluated together by `scatter_chunk` before their outputs are written.
const BLOCK: usize = 32;

/// `fast_chunk` for any output selection: a block of designs is evaluated into a stack buffer,
/// then each selected output is written for the whole block, so that the writes to each column
/// are contiguous runs rather than one value per column per design.
fn scatter_chunk(pr: &Prepared, base: &Design, cols: &[Option<Src>; 5], n: usize, chunk: Chunk, select: &[usize]) -> Option<(usize, usize)> {
    let (start, mut outs, mut ok, mut why) = chunk;
    let len = (n - start).min(CHUNK);
    let designs = ChunkDesigns::new(base, cols, start, len);
    let mut first = None;
    let mut buf: [Outputs; BLOCK] = std::array::from_fn(|_| Outputs::default());
    let mut bad = [false; BLOCK];
    for r0 in (0..len).step_by(BLOCK) {
        let m = BLOCK.min(len - r0);
        for b in 0..m {
            let r = r0 + b;
            let (d, invalid) = designs.get(r);
            bad[b] = false;
            if let Some(k) = invalid {
                first.get_or_insert((start + r, k));
                bad[b] = true;
                if let Some(ok) = ok.as_deref_mut() {
                    ok[r] = false;
                }
                if let Some(why) = why.as_deref_mut() {
                    why[r] = k as u16 + 1;
                }
                continue;
            }
            buf[b] = evaluate_prepared(pr, &d);
        }
        for (col, &j) in outs.iter_mut().zip(select) {
            for (b, slot) in col[r0..r0 + m].iter_mut().enumerate() {
                *slot = MaybeUninit::new(if bad[b] { f64::NAN } else { buf[b].as_slice()[j] });
            }
        }
    }
    first
}

/// `scenario::check_design_value(k, v).is_ok()` without building the error, and with the
/// whole-number test done by a conversion (exact for |v| <= 1e7) rather than a libm call.
#[inline(always)]
fn design_value_ok(k: usize, v: f64) -> bool {
    use crate::scenario::{MAGNITUDE_MAX as HI, MAGNITUDE_MIN as LO};
    match k {
        0 | 1 => (LO..=HI).contains(&v),
        2 => (1.0..=1.0e7).contains(&v) && v == (v as i64) as f64,
        3 => (0.0..=1.0e7).contains(&v) && v == (v as i64) as f64,
        _ => v == 0.0 || (LO..=HI).contains(&v),
    }
}

struct Row {
    design: Design,
}

impl<'a> BatchInput<'a> {
    /// Check column lengths.
    pub fn check_shapes(&self) -> Result<(), InputError> {
        let names = crate::scenario::DESIGN_FIELDS;
        let mut cols: Vec<(&str, &Column)> = Vec::new();
        for (i, c) in self.design.iter().enumerate() {
            if let Some(c) = c {
                cols.push((names[i], c));
            }
        }
        for (i, c) in &self.overrides {
            cols.push((PARAMS[*i].name, c));
        }
        if let Some(c) = &self.radiator_temp_k {
            cols.push(("radiator_temp_k", c));
        }
        for (name, c) in cols {
            if let Some(n) = c.len() {
                if n < self.len {
                    return Err(InputError::value(name, format!("array of length {n}"), format!("must have length {} like the other inputs", self.len)));
                }
            }
        }
        Ok(())
    }

    #[inline]
    fn row_design(&self, base: &Design, i: usize) -> Result<Design, (usize, f64)> {
        let mut d = *base;
        let vals = [&mut d.array_area_m2, &mut d.radiator_area_m2, &mut d.racks, &mut d.spare_racks];
        for (k, slot) in vals.into_iter().enumerate() {
            if let Some(c) = &self.design[k] {
                *slot = c.get(i);
            }
        }
        if let Some(c) = &self.design[4] {
            d.battery_energy_j = Some(c.get(i));
        }
        Ok(d)
    }
}

/// Validate one row: returns the reason code and error when invalid.
/// `row_vals` holds the row's values of the per-design parameters (in `input.overrides` order); they
/// are checked and written into `params`.
fn check_row(input: &BatchInput, base: &Scenario, i: usize, row_vals: &[f64], params: &mut Params) -> Result<Row, (u16, InputError)> {
    let d = input.row_design(&base.design, i).map_err(|_| (1, InputError::value("design", "?", "?")))?;
    let vals = [Some(d.array_area_m2), Some(d.radiator_area_m2), Some(d.racks), Some(d.spare_racks), d.battery_energy_j];
    for (k, v) in vals.iter().enumerate() {
        if input.design[k].is_some() {
            if let Some(v) = v {
                check_design_value(k, *v).map_err(|e| (k as u16 + 1, e.at(i)))?;
            }
        }
    }
    if !input.overrides.is_empty() {
        for ((pi, _), &v) in input.overrides.iter().zip(row_vals) {
            check_param(*pi, v).map_err(|e| (PARAM_REASON_BASE + *pi as u16, e.at(i)))?;
            params.set(*pi, v);
        }
        check_relations(params, base.orbit_kind).map_err(|e| (RELATION_REASON, e.at(i)))?;
    }
    Ok(Row { design: d })
}

/// The error of the earlier row of two.
fn earlier(a: Option<(usize, InputError)>, b: Option<(usize, InputError)>) -> Option<(usize, InputError)> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.0 < x.0 { y } else { x }),
        (x, None) => x,
        (None, y) => y,
    }
}

/// Evaluate a batch of designs on a scenario, writing the outputs whose indices are in `select`.
pub fn evaluate_batch(scenario: &Scenario, base: &Prepared, input: &BatchInput, select: &[usize], on_invalid: OnInvalid) -> Result<BatchOutput, InputError> {
    input.check_shapes()?;
    if input.radiator_temp_k.is_some() && !input.sized {
        return Err(InputError::value("radiator_temp_k", "<array>", "sizes the radiator: it needs sized=True"));
    }
    if input.sized {
        for k in [0usize, 1, 4] {
            if input.design[k].is_some() {
                let f = crate::scenario::DESIGN_FIELDS[k];
                return Err(InputError::value(f, "<array>", "must not be given with sized=True: the sized designs compute it"));
            }
        }
    }
    for &j in select {
        if j >= N_OUTPUTS {
            return Err(InputError::value("outputs", j, "unknown output index"));
        }
    }
    let n = input.len;
    let orbit_varies = input.overrides.iter().any(|(i, _)| ORBIT_PARAMS.contains(&PARAMS[*i].name));
    let pool = crate::parallel::pool();

    // Output columns are not zeroed first: every element is written exactly once below (a value
    // or NaN), and memory the allocator reuses (chunked sweeps) then costs no page faults.
    let mut columns: Vec<Vec<MaybeUninit<f64>>> = select.iter().map(|_| uninit_column(n)).collect();
    let mut valid = vec![true; if on_invalid == OnInvalid::Nan { n } else { 0 }];
    let mut reason = vec![0u16; if on_invalid == OnInvalid::Nan { n } else { 0 }];

    // Split every output column (and the mask) into the same chunks.
    let nchunks = n.div_ceil(CHUNK);
    let mut chunks: Vec<Chunk> = (0..nchunks).map(|c| (c * CHUNK, Vec::with_capacity(select.len()), None, None)).collect();
    for col in columns.iter_mut() {
        for (c, part) in col.chunks_mut(CHUNK).enumerate() {
            chunks[c].1.push(part);
        }
    }
    for (c, part) in valid.chunks_mut(CHUNK).enumerate() {
        chunks[c].2 = Some(part);
    }
    for (c, part) in reason.chunks_mut(CHUNK).enumerate() {
        chunks[c].3 = Some(part);
    }

    if input.overrides.is_empty() && !input.sized {
        let cols = input.design.map(|c| c.map(Src::from));
        // Design values are checked in the same pass; with `raise` the first bad row (and within
        // it the first bad field, as `check_row` orders them) is reported after the pass.
        let run = |kernel: &(dyn Fn(Chunk) -> Option<(usize, usize)> + Sync)| pool.install(|| chunks.into_par_iter().filter_map(kernel).min());
        // Compiled kernels for common selections keep only the work their outputs need.
        macro_rules! fixed {
            ($($name:ident),+) => {
                run(&|c| fast_chunk(base, &scenario.design, &cols, n, c, |o: &Outputs, outs: &mut [&mut [MaybeUninit<f64>]], r: usize| {
                    let mut it = outs.iter_mut();
                    $( if let Some(col) = it.next() { col[r] = MaybeUninit::new(o.$name); } )+
                }))
            };
        }
        use out_idx as k;
        let first_bad = if select == DEFAULT_SELECTION {
            fixed!(cost_per_flop_usd, delivered_flops, mass_total_kg, capex_usd, power_margin_w, dod_margin, thermal_margin_k, mass_margin_kg, radiator_temp_k, feasible, cost_ratio, breakeven_launch_usd_per_kg)
        } else if select == [k::cost_per_flop_usd] {
            fixed!(cost_per_flop_usd)
        } else if select == [k::cost_per_flop_usd, k::feasible] {
            fixed!(cost_per_flop_usd, feasible)
        } else {
            run(&|c| scatter_chunk(base, &scenario.design, &cols, n, c, select))
        };
        if let (OnInvalid::Raise, Some((i, k))) = (on_invalid, first_bad) {
            let v = input.design[k].as_ref().expect("checked column").get(i);
            return Err(check_design_value(k, v).expect_err("invalid value").at(i));
        }
        return Ok(BatchOutput { columns: columns.into_iter().map(assume_written).collect(), valid, reason });
    }

    // Scenario parameters vary per design (or designs are sized): each design gets its own
    // derived quantities. Rows are checked as they are evaluated; with `raise` the first invalid
    // row is reported (an invalid input before any row that cannot be sized), after the pass.
    let (first_invalid, first_unsized) = pool.install(|| {
        chunks.into_par_iter().map(|(start, mut outs, mut ok, mut why)| {
            let len = outs.first().map(|o| o.len()).unwrap_or_else(|| (n - start).min(CHUNK));
            let mut pr = base.clone();
            let mut first_invalid: Option<(usize, InputError)> = None;
            let mut first: Option<(usize, InputError)> = None;
            // The chunk's per-design parameters, gathered column by column (each column read
            // sequentially) into rows: reading dozens of columns row by row would miss the cache
            // on every value.
            let k = input.overrides.len();
            let mut staged = vec![0.0; len * k];
            for (j, (_, c)) in input.overrides.iter().enumerate() {
                for r in 0..len {
                    staged[r * k + j] = c.get(start + r);
                }
            }
            for r in 0..len {
                let i = start + r;
                // Every row sets every per-design parameter, so the previous row's values are
                // overwritten in place.
                let row = check_row(input, scenario, i, &staged[r * k..(r + 1) * k], &mut pr.p).map_err(|(code, e)| {
                    if first_invalid.is_none() {
                        first_invalid = Some((i, e.clone()));
                    }
                    (code, e)
                });
                let row = row.and_then(|mut row| {
                    if !input.overrides.is_empty() {
                        if orbit_varies {
                            pr.orbit = orbit_stats(&pr.p, scenario.orbit_kind, scenario.shadow, scenario.pointing);
                        }
                        pr.derive();
                    }
                    if input.sized {
                        let t = input.radiator_temp_k.map(|c| c.get(i));
                        row.design = crate::model::size(&pr, row.design.racks, row.design.spare_racks, t).map_err(|e| (SIZING_REASON, e.at(i)))?;
                    }
                    Ok(row)
                });
                match row {
                    Ok(row) => {
                        let out = evaluate_prepared(&pr, &row.design);
                        let vals = out.as_slice();
                        for (col, &j) in outs.iter_mut().zip(select) {
                            col[r] = MaybeUninit::new(vals[j]);
                        }
                    }
                    Err((code, e)) => {
                        if first.is_none() {
                            first = Some((i, e));
                        }
                        for col in outs.iter_mut() {
                            col[r] = MaybeUninit::new(f64::NAN);
                        }
                        if let Some(ok) = ok.as_deref_mut() {
                            ok[r] = false;
                        }
                        if let Some(why) = why.as_deref_mut() {
                            why[r] = code;
                        }
                    }
                }
            }
            (first_invalid, first)
        })
        .reduce(|| (None, None), |a, b| (earlier(a.0, b.0), earlier(a.1, b.1)))
    });
    if on_invalid == OnInvalid::Raise {
        if let Some((_, e)) = first_invalid.or(first_unsized) {
            return Err(e);
        }
    }
    Ok(BatchOutput { columns: columns.into_iter().map(assume_written).collect(), valid, reason })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_design_check_agrees_with_check_design_value() {
        let values = [
            f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1.0, -0.0, 0.0, 1e-300, 1e-31, 1e-30, 1e30, 1e31, f64::MAX, 0.5, 1.0, 1.5, 2.0, 7.0, 1e7 - 1.0, 1e7 - 0.5, 1e7, 1e7 + 1.0, 1e300,
        ];
        for k in 0..5 {
            for &v in &values {
                assert_eq!(design_value_ok(k, v), check_design_value(k, v).is_ok(), "field {k}, value {v}");
            }
        }
    }

    #[test]
    fn raise_reports_first_bad_row_then_first_bad_field() {
        let s = Scenario::default();
        let pr = Prepared::new(&s).unwrap();
        let n = 10_000;
        let mut area = vec![100.0; n];
        let mut racks = vec![2.0; n];
        racks[7001] = 0.5;
        area[7001] = -1.0;
        area[9000] = -1.0;
        let input = BatchInput { len: n, design: [Some(Column::slice(&area)), None, Some(Column::slice(&racks)), None, None], overrides: vec![], sized: false, radiator_temp_k: None };
        let err = evaluate_batch(&s, &pr, &input, &DEFAULT_SELECTION, OnInvalid::Raise).unwrap_err().to_string();
        assert!(err.contains("array_area_m2") && err.contains("7001"), "{err}");
        let out = evaluate_batch(&s, &pr, &input, &DEFAULT_SELECTION, OnInvalid::Nan).unwrap();
        assert_eq!(out.reason[7001], 1);
        assert_eq!(out.reason[9000], 1);
        assert!(!out.valid[7001] && out.valid[7000]);
        assert!(out.columns[0][7001].is_nan() && out.columns[0][7000].is_finite());
    }
}
