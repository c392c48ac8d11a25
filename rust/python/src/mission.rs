//! Binding of the mission tier: one design with per-day arrays, lifetime totals of many designs
//! (parallel, GIL released), and the sun-synchronous year of beta angles and eclipses.

use crate::{to_py, Design, Scenario};
use numpy::{IntoPyArray, PyReadonlyArray1};
use orbitflops_core as core;
use orbitflops_core::batch::Column;
use orbitflops_core::mission::{self, MissionDays, MissionPrepared, OrbitTrace};
use pyo3::prelude::*;
use pyo3::types::PyDict;

fn days_to_dict<'py>(py: Python<'py>, d: MissionDays) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("beta_rad", d.beta_rad.into_pyarray(py))?;
    out.set_item("eclipse_s", d.eclipse_s.into_pyarray(py))?;
    out.set_item("array_power_w", d.array_power_w.into_pyarray(py))?;
    out.set_item("load_w", d.load_w.into_pyarray(py))?;
    out.set_item("soc_min", d.soc_min.into_pyarray(py))?;
    out.set_item("discharge_depth", d.discharge_depth.into_pyarray(py))?;
    out.set_item("radiator_temp_min_k", d.radiator_temp_min_k.into_pyarray(py))?;
    out.set_item("radiator_temp_max_k", d.radiator_temp_max_k.into_pyarray(py))?;
    out.set_item("working_racks", d.working_racks.into_pyarray(py))?;
    out.set_item("compute_fraction", d.compute_fraction.into_pyarray(py))?;
    out.set_item("delivered_flop", d.delivered_flop.into_pyarray(py))?;
    Ok(out)
}

fn trace_to_dict<'py>(py: Python<'py>, t: OrbitTrace) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("time_s", t.time_s.into_pyarray(py))?;
    out.set_item("soc", t.soc.into_pyarray(py))?;
    out.set_item("radiator_temp_k", t.radiator_temp_k.into_pyarray(py))?;
    out.set_item("compute_fraction", t.compute_fraction.into_pyarray(py))?;
    for (k, v) in [
        ("array_j", t.array_j),
        ("array_to_load_j", t.array_to_load_j),
        ("array_to_battery_j", t.array_to_battery_j),
        ("curtailed_j", t.curtailed_j),
        ("stored_in_j", t.stored_in_j),
        ("stored_out_j", t.stored_out_j),
        ("battery_start_j", t.battery_start_j),
        ("battery_end_j", t.battery_end_j),
        ("load_j", t.load_j),
        ("unserved_j", t.unserved_j),
    ] {
        out.set_item(k, v)?;
    }
    Ok(out)
}

/// Mission tier for one design: (totals dict, per-day dict, trace dict of `trace_day`'s orbit,
/// trace_day). `trace_day` None traces the day with the longest eclipse.
#[pyfunction]
#[pyo3(signature = (scenario, design, trace_day = None))]
fn mission_evaluate<'py>(py: Python<'py>, scenario: &Scenario, design: &Design, trace_day: Option<usize>) -> PyResult<(Bound<'py, PyDict>, Bound<'py, PyDict>, Bound<'py, PyDict>, usize)> {
    let d = design.inner.clone();
    d.validate().map_err(to_py)?;
    let sc = &scenario.inner;
    let pr = scenario.prepared.clone();
    let (tot, days, trace, day) = py.detach(|| {
        let mp = MissionPrepared::from_prepared(sc, pr);
        let day = match trace_day {
            Some(k) => k.min(mp.days.len() - 1),
            None => {
                let mut best = 0;
                for (k, g) in mp.days.iter().enumerate() {
                    if g.eclipse_s > mp.days[best].eclipse_s {
                        best = k;
                    }
                }
                best
            }
        };
        let mut days = MissionDays::default();
        let mut trace = OrbitTrace::default();
        let tot = mission::simulate(&mp, &d, Some(&mut days), Some(day), Some(&mut trace));
        (tot, days, trace, day)
    });
    let totals = PyDict::new(py);
    for (name, v) in mission::TOTAL_NAMES.iter().zip(tot.to_array()) {
        totals.set_item(*name, v)?;
    }
    Ok((totals, days_to_dict(py, days)?, trace_to_dict(py, trace)?, day))
}

/// Lifetime totals of many designs: `columns` maps design field names to 1-D float64 arrays of
/// length `n` (missing fields take the scenario's design; NaN battery sizes it).
#[pyfunction]
fn mission_evaluate_batch<'py>(py: Python<'py>, scenario: &Scenario, n: usize, columns: Bound<'py, PyDict>) -> PyResult<Bound<'py, PyDict>> {
    let mut held: [Option<Vec<f64>>; 5] = [None, None, None, None, None];
    for (k, v) in columns.iter() {
        let key: String = k.extract()?;
        let i = core::scenario::DESIGN_FIELDS.iter().position(|f| *f == key).ok_or_else(|| {
            to_py(core::InputError::value(&key, "<array>", "unknown input for the mission tier: only design fields vary per design (array_area_m2, radiator_area_m2, racks, spare_racks, battery_energy_j)"))
        })?;
        let a: PyReadonlyArray1<f64> = v.extract()?;
        let vec = a.as_array().to_vec();
        if vec.len() != n {
            return Err(to_py(core::InputError::value(&key, format!("<array of length {}>", vec.len()), format!("must have length {n}, like the other inputs"))));
        }
        held[i] = Some(vec);
    }
    let cols: [Option<Column>; 5] = std::array::from_fn(|i| held[i].as_deref().map(Column::slice));
    let sc = &scenario.inner;
    let pr = scenario.prepared.clone();
    let base = sc.design.clone();
    let rows = py
        .detach(|| {
            let mp = MissionPrepared::from_prepared(sc, pr);
            mission::evaluate_batch(&mp, &base, n, &cols)
        })
        .map_err(to_py)?;
    let out = PyDict::new(py);
    for (j, name) in mission::TOTAL_NAMES.iter().enumerate() {
        let col: Vec<f64> = rows.iter().map(|r| r[j]).collect();
        out.set_item(*name, col.into_pyarray(py))?;
    }
    Ok(out)
}

/// Per-day beta angle (rad) and cylindrical-shadow eclipse duration (s) of a sun-synchronous
/// orbit through calendar year `year`.
#[pyfunction]
fn sun_synchronous_year<'py>(py: Python<'py>, altitude_m: f64, ltan_h: f64, year: i32) -> PyResult<(Bound<'py, numpy::PyArray1<f64>>, Bound<'py, numpy::PyArray1<f64>>)> {
    let (b, e) = mission::sun_synchronous_year(altitude_m, ltan_h, year).map_err(to_py)?;
    Ok((b.into_pyarray(py), e.into_pyarray(py)))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(mission_evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(mission_evaluate_batch, m)?)?;
    m.add_function(wrap_pyfunction!(sun_synchronous_year, m)?)?;
    m.add("MISSION_TOTALS", mission::TOTAL_NAMES.to_vec())?;
    Ok(())
}
