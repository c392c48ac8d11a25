//! Thin PyO3 binding of orbitflops-core: converts Python and NumPy values to core types, maps
//! core errors to Python exceptions in one place, and runs batch work with the GIL released.

mod mission;

use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1, PyUntypedArrayMethods};
use orbitflops_core as core;
use orbitflops_core::batch::{BatchInput, Column, OnInvalid};
use orbitflops_core::error::ErrorKind;
use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

create_exception!(_core, InvalidInputError, PyValueError, "An input the model refuses; `field`, `value`, `reason` and (for batches) `index` say which and why.");

/// The one place core errors become Python exceptions.
pub(crate) fn to_py(e: core::InputError) -> PyErr {
    let msg = e.to_string();
    if e.kind == ErrorKind::Type {
        return PyTypeError::new_err(msg);
    }
    let err = InvalidInputError::new_err(msg);
    Python::attach(|py| {
        let v = err.value(py);
        let _ = v.setattr("field", e.field.clone());
        let _ = v.setattr("value", e.value.clone());
        let _ = v.setattr("reason", e.reason.clone());
        let _ = v.setattr("index", e.index);
    });
    err
}

fn value_error(field: &str, value: impl std::fmt::Display, reason: &str) -> PyErr {
    to_py(core::InputError::value(field, value, reason))
}

// ---------------------------------------------------------------------------------------------
// Design

/// The decision variables of one design (areas in m^2, counts of racks, battery energy in J).
#[pyclass(frozen, module = "orbitflops._core", eq)]
#[derive(Clone, PartialEq)]
pub struct Design {
    pub inner: core::Design,
}

#[pymethods]
impl Design {
    #[new]
    #[pyo3(signature = (array_area_m2, radiator_area_m2, racks, spare_racks = 0.0, battery_energy_j = None))]
    fn new(array_area_m2: f64, radiator_area_m2: f64, racks: f64, spare_racks: f64, battery_energy_j: Option<f64>) -> PyResult<Self> {
        let inner = core::Design { array_area_m2, radiator_area_m2, racks, spare_racks, battery_energy_j };
        inner.validate().map_err(to_py)?;
        Ok(Design { inner })
    }
    #[getter]
    fn array_area_m2(&self) -> f64 {
        self.inner.array_area_m2
    }
    #[getter]
    fn radiator_area_m2(&self) -> f64 {
        self.inner.radiator_area_m2
    }
    #[getter]
    fn racks(&self) -> i64 {
        self.inner.racks as i64
    }
    #[getter]
    fn spare_racks(&self) -> i64 {
        self.inner.spare_racks as i64
    }
    #[getter]
    fn battery_energy_j(&self) -> Option<f64> {
        self.inner.battery_energy_j
    }
    /// The design as a dict of its fields.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("array_area_m2", self.inner.array_area_m2)?;
        d.set_item("radiator_area_m2", self.inner.radiator_area_m2)?;
        d.set_item("racks", self.inner.racks as i64)?;
        d.set_item("spare_racks", self.inner.spare_racks as i64)?;
        d.set_item("battery_energy_j", self.inner.battery_energy_j)?;
        Ok(d)
    }
    fn __repr__(&self) -> String {
        let d = &self.inner;
        let b = match d.battery_energy_j {
            Some(e) => format!("{e:?}"),
            None => "None".into(),
        };
        format!(
            "Design(array_area_m2={:?}, radiator_area_m2={:?}, racks={}, spare_racks={}, battery_energy_j={})",
            d.array_area_m2, d.radiator_area_m2, d.racks as i64, d.spare_racks as i64, b
        )
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let d = slf.get().inner;
        let cls = py.get_type::<Design>().into_any();
        let args = PyTuple::new(py, [d.array_area_m2.into_pyobject(py)?.into_any(), d.radiator_area_m2.into_pyobject(py)?.into_any(), d.racks.into_pyobject(py)?.into_any(), d.spare_racks.into_pyobject(py)?.into_any(), d.battery_energy_j.into_pyobject(py)?.into_any()])?;
        Ok((cls, args))
    }
}

// ---------------------------------------------------------------------------------------------
// Scenario

/// Every assumption of a study, validated, with its scenario-only quantities prepared.
#[pyclass(frozen, module = "orbitflops._core")]
pub struct Scenario {
    pub inner: core::Scenario,
    pub prepared: core::Prepared,
}

impl Scenario {
    fn build(inner: core::Scenario) -> PyResult<Self> {
        let prepared = core::Prepared::new(&inner).map_err(to_py)?;
        Ok(Scenario { inner, prepared })
    }
}

fn search_to_py<'py>(py: Python<'py>, s: &core::scenario::SearchVar) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("name", &s.name)?;
    if s.choices.is_empty() {
        d.set_item("low", s.low)?;
        d.set_item("high", s.high)?;
        d.set_item("log", s.log)?;
        d.set_item("integer", s.integer)?;
    } else {
        d.set_item("choices", s.choices.clone())?;
    }
    Ok(d)
}

#[pymethods]
impl Scenario {
    /// The default scenario (every value sourced; see `orbitflops.assumptions()`).
    #[staticmethod]
    fn default() -> PyResult<Self> {
        Self::build(core::Scenario::default())
    }
    /// Read a scenario from a TOML file.
    #[staticmethod]
    fn from_toml(path: std::path::PathBuf) -> PyResult<Self> {
        let text = std::fs::read_to_string(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => pyo3::exceptions::PyFileNotFoundError::new_err(format!("scenario file not found: {}", path.display())),
            std::io::ErrorKind::InvalidData => value_error("scenario file", path.display(), "is not valid UTF-8 text"),
            _ => pyo3::exceptions::PyOSError::new_err(format!("cannot read scenario file {}: {e}", path.display())),
        })?;
        Self::build(core::Scenario::from_toml_str(&text).map_err(|mut e| {
            e.field = format!("{} [{}]", e.field, path.display());
            to_py(e)
        })?)
    }
    /// Read a scenario from TOML text.
    #[staticmethod]
    fn from_toml_str(text: &str) -> PyResult<Self> {
        Self::build(core::Scenario::from_toml_str(text).map_err(to_py)?)
    }
    /// Write the whole scenario as TOML.
    fn to_toml(&self) -> String {
        self.inner.to_toml_string()
    }
    /// A copy with some values changed: numeric parameters by name, choices ("kind", "shadow",
    /// "pointing", "strategy", "orientation") and presets ("cell", "rack", "launcher",
    /// "coating", "supply"). Presets apply before numbers, whatever the order of the keywords.
    #[pyo3(signature = (**changes))]
    fn replace(&self, changes: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let mut s = self.inner.clone();
        if let Some(ch) = changes {
            let mut numbers = Vec::new();
            for (k, v) in ch.iter() {
                let key: String = k.extract()?;
                if core::scenario::CHOICE_KEYS.iter().any(|(_, c)| *c == key) {
                    let name: String = v.extract().map_err(|_| PyTypeError::new_err(format!("{key} must be a string, got {}", v.repr().map(|r| r.to_string()).unwrap_or_default())))?;
                    s.set_choice(&key, &name).map_err(to_py)?;
                } else {
                    numbers.push((key, v));
                }
            }
            for (key, v) in numbers {
                if v.is_instance_of::<pyo3::types::PyBool>() || v.is_instance_of::<pyo3::types::PyString>() {
                    return Err(PyTypeError::new_err(format!("{key} must be a number, got {}", v.repr()?)));
                }
                let x: f64 = v.extract().map_err(|_| PyTypeError::new_err(format!("{key} must be a number, got {}", v.repr().map(|r| r.to_string()).unwrap_or_default())))?;
                s.set_param(&key, x).map_err(to_py)?;
            }
        }
        Self::build(s)
    }
    /// A copy whose default design is `design`.
    fn with_design(&self, design: &Design) -> PyResult<Self> {
        let mut s = self.inner.clone();
        s.design = design.inner;
        Self::build(s)
    }
    /// A copy with a new search space: a list of dicts with "name" and either "low", "high"
    /// (and optional "log", "integer") or "choices".
    fn with_search(&self, search: &Bound<'_, PyList>) -> PyResult<Self> {
        // Round-trip through TOML so that validation lives in one place.
        let mut text = self.inner.to_toml_string();
        let cut = text.find("\n[search]\n").unwrap_or(text.len());
        text.truncate(cut);
        text.push_str("\n[search]\n");
        for item in search.iter() {
            let d = item.cast::<PyDict>().map_err(|_| PyTypeError::new_err("each search variable must be a dict"))?;
            let name: String = d.get_item("name")?.ok_or_else(|| value_error("search", "{..}", "each variable needs a 'name'"))?.extract()?;
            if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(value_error("search.name", &name, "must be an identifier"));
            }
            if let Some(ch) = d.get_item("choices")? {
                let choices: Vec<String> = ch.extract()?;
                let quoted: Vec<String> = choices.iter().map(|c| format!("{c:?}")).collect();
                text.push_str(&format!("{name} = [{}]\n", quoted.join(", ")));
            } else {
                let get = |k: &str| -> PyResult<Option<Bound<'_, PyAny>>> { d.get_item(k) };
                let low: f64 = get("low")?.ok_or_else(|| value_error(&format!("search.{name}.low"), "<missing>", "is required"))?.extract()?;
                let high: f64 = get("high")?.ok_or_else(|| value_error(&format!("search.{name}.high"), "<missing>", "is required"))?.extract()?;
                let log: bool = get("log")?.map(|v| v.extract()).transpose()?.unwrap_or(false);
                let integer: Option<bool> = get("integer")?.map(|v| v.extract()).transpose()?;
                let fmt = |v: f64| if v.is_finite() { format!("{v:?}") } else { "nan".into() };
                let mut line = format!("{name} = {{ low = {}, high = {}, log = {log}", fmt(low), fmt(high));
                if let Some(i) = integer {
                    line.push_str(&format!(", integer = {i}"));
                }
                line.push_str(" }\n");
                text.push_str(&line);
            }
        }
        Self::build(core::Scenario::from_toml_str(&text).map_err(to_py)?)
    }
    /// Numeric parameters as a dict (name -> value).
    fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (info, v) in core::PARAMS.iter().zip(self.inner.params.as_slice()) {
            d.set_item(info.name, *v)?;
        }
        Ok(d)
    }
    /// Categorical choices and preset names as a dict.
    fn choices<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (_, k) in core::scenario::CHOICE_KEYS {
            d.set_item(k, self.inner.choice(k))?;
        }
        Ok(d)
    }
    /// The scenario's default design.
    #[getter]
    fn design(&self) -> Design {
        Design { inner: self.inner.design }
    }
    /// The optimiser's search space, a list of dicts.
    #[getter]
    fn search<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let items: PyResult<Vec<_>> = self.inner.search.iter().map(|s| search_to_py(py, s)).collect();
        PyList::new(py, items?)
    }
    /// The scenario file's `[uncertainty]` table as TOML text ("" when it has none); read it with
    /// `orbitflops.compare.uncertainty_of`.
    fn uncertainty_toml(&self) -> String {
        self.inner.uncertainty_toml.clone()
    }
    /// Scenario-only orbit statistics (period, inclination, beta range, worst eclipse, sunlit
    /// fraction, eclipse season, cycles, allowed depth of discharge).
    fn orbit_summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let pr = &self.prepared;
        let o = &pr.orbit;
        let d = PyDict::new(py);
        d.set_item("period_s", o.period_s)?;
        d.set_item("inclination_rad", o.inclination_rad)?;
        d.set_item("beta_min_rad", o.beta_min_rad)?;
        d.set_item("beta_max_rad", o.beta_max_rad)?;
        d.set_item("eclipse_fraction_worst", o.eclipse_fraction_worst)?;
        d.set_item("eclipse_worst_s", pr.eclipse_worst_s)?;
        d.set_item("sunlit_fraction_mean", o.sunlit_fraction_mean)?;
        d.set_item("eclipse_season_fraction", o.eclipse_season_fraction)?;
        d.set_item("eclipse_cycles", pr.cycles)?;
        d.set_item("battery_dod_allowed", pr.dod_allowed)?;
        d.set_item("array_eol_w_per_m2", pr.p_eol_per_m2)?;
        d.set_item("array_bol_w_per_m2", pr.p_bol_per_m2)?;
        d.set_item("cell_temp_k", pr.cell_temp_k)?;
        d.set_item("radiator_temp_max_k", pr.radiator_limit_k)?;
        d.set_item("radiator_reject_at_limit_w_m2", pr.reject_at_limit_w_m2)?;
        d.set_item("radiator_env_eol_w_m2", pr.env_eol_w_m2)?;
        d.set_item("radiator_env_bol_w_m2", pr.env_bol_w_m2)?;
        d.set_item("radiator_earth_view_factor", pr.earth_vf)?;
        d.set_item("propellant_kg_per_m2", pr.propellant_kg_per_m2)?;
        d.set_item("annuity_yr", pr.annuity_yr)?;
        let g: Vec<f64> = o.conditions.iter().map(|c| c.g).collect();
        let h: Vec<f64> = o.conditions.iter().map(|c| c.h).collect();
        d.set_item("conditions_g", g)?;
        d.set_item("conditions_h", h)?;
        Ok(d)
    }
    fn __getattr__(&self, py: Python<'_>, name: &str) -> PyResult<Py<PyAny>> {
        if let Some(i) = core::Params::index_of(name) {
            return Ok(self.inner.params.get(i).into_pyobject(py)?.into_any().unbind());
        }
        if let Some(c) = self.inner.choice(name) {
            return Ok(c.into_pyobject(py)?.into_any().unbind());
        }
        Err(pyo3::exceptions::PyAttributeError::new_err(format!("Scenario has no attribute '{name}'")))
    }
    fn __dir__(&self) -> Vec<String> {
        let mut v: Vec<String> = core::PARAMS.iter().map(|p| p.name.to_string()).collect();
        v.extend(core::scenario::CHOICE_KEYS.iter().map(|(_, k)| k.to_string()));
        v.extend(["design", "search", "replace", "to_toml", "params", "choices", "with_design", "with_search", "orbit_summary"].map(String::from));
        v
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<Scenario>() {
            Ok(o) => o.get().inner == self.inner,
            Err(_) => false,
        }
    }
    fn __repr__(&self) -> String {
        let s = &self.inner;
        format!(
            "Scenario(orbit={} {:.0} km, cell={}, rack={}, launcher={}, strategy={})",
            s.orbit_kind.name(),
            s.params.altitude_m / 1000.0,
            s.cell,
            s.rack,
            s.launcher,
            s.strategy.name()
        )
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let f = py.get_type::<Scenario>().getattr("from_toml_str")?;
        let args = PyTuple::new(py, [slf.get().inner.to_toml_string()])?;
        Ok((f, args))
    }
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/// Every intermediate and result of one evaluation; attributes are named as in
/// `orbitflops.OUTPUTS` (SI units, unit in the name).
#[pyclass(frozen, module = "orbitflops._core")]
pub struct Evaluation {
    pub out: core::Outputs,
}

#[pymethods]
impl Evaluation {
    fn __getattr__(&self, name: &str) -> PyResult<f64> {
        match core::Outputs::index_of(name) {
            Some(i) => Ok(self.out.as_slice()[i]),
            None => Err(pyo3::exceptions::PyAttributeError::new_err(format!("Evaluation has no attribute '{name}'"))),
        }
    }
    /// All outputs as a dict (name -> value).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (info, v) in core::OUTPUTS.iter().zip(self.out.as_slice()) {
            d.set_item(info.name, *v)?;
        }
        Ok(d)
    }
    /// All outputs as a tuple, in `OUTPUTS` order.
    fn values<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.out.as_slice())
    }
    fn __dir__(&self) -> Vec<&'static str> {
        core::OUTPUTS.iter().map(|o| o.name).collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Functions

/// Evaluate one design on a scenario (analytic tier).
#[pyfunction]
fn evaluate(design: &Design, scenario: &Scenario) -> Evaluation {
    Evaluation { out: core::evaluate_prepared(&scenario.prepared, &design.inner) }
}

/// Smallest feasible array and battery for a rack count, and the radiator that runs at
/// `radiator_temp_k` (None: at its limit), in closed form.
#[pyfunction]
#[pyo3(signature = (scenario, racks, spare_racks = 0.0, radiator_temp_k = None))]
fn size(scenario: &Scenario, racks: f64, spare_racks: f64, radiator_temp_k: Option<f64>) -> PyResult<Design> {
    Ok(Design { inner: core::size(&scenario.prepared, racks, spare_racks, radiator_temp_k).map_err(to_py)? })
}

/// Storage that keeps copied inputs alive while the batch runs.
enum Held<'py> {
    Borrowed(PyReadonlyArray1<'py, f64>),
    Owned(Vec<f64>),
    Scalar(f64),
}

fn hold<'py>(name: &str, obj: &Bound<'py, PyAny>) -> PyResult<Held<'py>> {
    if let Ok(a) = obj.extract::<PyReadonlyArray1<'py, f64>>() {
        let view = a.as_array();
        let s = view.strides()[0];
        let n = view.len();
        if n > 0 && s == 0 {
            return Ok(Held::Scalar(view[0]));
        }
        if n <= 1 || (s > 0 && (a.as_array().as_ptr() as usize) % std::mem::align_of::<f64>() == 0) {
            return Ok(Held::Borrowed(a));
        }
        return Ok(Held::Owned(view.iter().copied().collect()));
    }
    if let Ok(x) = obj.extract::<f64>() {
        return Ok(Held::Scalar(x));
    }
    Err(PyTypeError::new_err(format!("{name} must be a float64 1-D array or a number")))
}

fn column<'a>(h: &'a Held<'_>) -> Column<'a> {
    match h {
        Held::Scalar(x) => Column::Scalar(*x),
        Held::Owned(v) => Column::slice(v),
        Held::Borrowed(a) => {
            let view = a.as_array();
            let n = view.len();
            if n == 0 {
                return Column::slice(&[]);
            }
            let stride = if n == 1 { 1 } else { view.strides()[0] as usize };
            let span = (n - 1) * stride + 1;
            // SAFETY: the array is borrowed read-only for the lifetime of `h`; element i lives
            // at ptr + i * stride (stride > 0, in elements, checked in `hold`) and the last
            // element is at offset (n - 1) * stride, so `span` elements are in bounds.
            let data = unsafe { std::slice::from_raw_parts(view.as_ptr(), span) };
            Column::Strided { data, stride }
        }
    }
}

/// Evaluate many designs. `columns` maps input names (design fields or scenario parameters) to
/// float64 1-D arrays of length `n` (any positive stride) or numbers; `outputs` names the output
/// columns; `sized` sizes each design's array, radiator and battery in closed form. Returns
/// (dict of outputs, valid mask or None, reason codes or None).
#[pyfunction]
#[pyo3(signature = (scenario, columns, n, outputs, on_invalid = "raise", sized = false))]
fn evaluate_batch<'py>(py: Python<'py>, scenario: &Scenario, columns: &Bound<'py, PyDict>, n: usize, outputs: Vec<String>, on_invalid: &str, sized: bool) -> PyResult<Bound<'py, PyTuple>> {
    let policy = match on_invalid {
        "raise" => OnInvalid::Raise,
        "nan" => OnInvalid::Nan,
        other => return Err(value_error("on_invalid", format!("'{other}'"), "must be 'raise' or 'nan'")),
    };
    let mut select = Vec::with_capacity(outputs.len());
    for o in &outputs {
        select.push(core::Outputs::index_of(o).ok_or_else(|| value_error("outputs", format!("'{o}'"), "unknown output name (see orbitflops.OUTPUTS)"))?);
    }
    let mut design_held: [Option<Held>; 5] = [None, None, None, None, None];
    let mut over_held: Vec<(usize, Held)> = Vec::new();
    let mut temp_held: Option<Held> = None;
    for (k, v) in columns.iter() {
        let key: String = k.extract()?;
        let h = hold(&key, &v)?;
        if key == "radiator_temp_k" {
            temp_held = Some(h);
        } else if let Some(i) = core::scenario::DESIGN_FIELDS.iter().position(|f| *f == key) {
            design_held[i] = Some(h);
        } else if let Some(i) = core::Params::index_of(&key) {
            over_held.push((i, h));
        } else {
            return Err(value_error(&key, "<array>", "unknown input: not a design field nor a scenario parameter"));
        }
    }
    let design_cols: [Option<Column>; 5] = std::array::from_fn(|i| design_held[i].as_ref().map(column));
    let input = BatchInput { len: n, design: design_cols, overrides: over_held.iter().map(|(i, h)| (*i, column(h))).collect(), sized, radiator_temp_k: temp_held.as_ref().map(column) };
    let sc = &scenario.inner;
    let pr = &scenario.prepared;
    let result = py.detach(|| core::batch::evaluate_batch(sc, pr, &input, &select, policy)).map_err(to_py)?;
    let dict = PyDict::new(py);
    for (name, col) in outputs.iter().zip(result.columns) {
        dict.set_item(name, col.into_pyarray(py))?;
    }
    let (valid, reason): (Py<PyAny>, Py<PyAny>) = if policy == OnInvalid::Nan {
        (result.valid.into_pyarray(py).into_any().unbind(), result.reason.into_pyarray(py).into_any().unbind())
    } else {
        (py.None(), py.None())
    };
    PyTuple::new(py, [dict.into_any().unbind(), valid, reason])
}

type Kernel = fn(&[f64]) -> f64;

fn kernel(name: &str) -> Option<(usize, Kernel)> {
    use core::orbit::{self, Shadow};
    Some(match name {
        "period_s" => (1, |a| orbit::period_s(a[0])),
        "sso_inclination_rad" => (1, |a| orbit::sso_inclination_rad(a[0]).unwrap_or(f64::NAN)),
        "beta_angle_rad" => (3, |a| orbit::beta_angle_rad(a[0], a[1], a[2])),
        "beta_star_rad" => (1, |a| orbit::beta_star_rad(a[0])),
        "nodal_rate_rad_s" => (2, |a| orbit::nodal_rate_rad_s(a[0], a[1])),
        "eclipse_fraction_cylindrical" => (3, |a| orbit::eclipse_fraction(a[0], a[1], Shadow::Cylindrical, a[2])),
        "eclipse_fraction_umbra" => (3, |a| orbit::eclipse_fraction(a[0], a[1], Shadow::Umbra, a[2])),
        "eclipse_fraction_penumbra" => (3, |a| orbit::eclipse_fraction(a[0], a[1], Shadow::Penumbra, a[2])),
        "earth_view_factor" => (2, |a| orbit::earth_view_factor(a[0], a[1])),
        "solar_flux_w_m2" => (2, |a| orbit::solar_flux_w_m2(a[0], a[1])),
        "radiator_temp_k" => (5, |a| core::thermal::radiator_temp_k(a[0], a[1], a[2], a[3], a[4])),
        "radiator_area_m2" => (5, |a| core::thermal::radiator_area_m2(a[0], a[1], a[2], a[3], a[4])),
        "radiator_heat_w" => (5, |a| core::thermal::radiator_heat_w(a[0], a[1], a[2], a[3], a[4])),
        "environment_heat_w_m2" => (7, |a| core::thermal::environment_heat_w_m2(a[0], a[1], a[2], a[3], a[4], a[5], a[6])),
        "array_temp_k" => (5, |a| core::solar::array_temp_k(a[0], a[1], a[2], a[3], a[4])),
        "array_power_w" => (10, |a| core::solar::array_power_w(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9])),
        "atmosphere_density_kg_m3" => (1, |a| core::mass::atmosphere_density_kg_m3(a[0])),
        "required_array_power_w" => (5, |a| core::power::required_array_power_w(a[0], a[1], a[2], a[3], a[4])),
        "allowed_dod" => (5, |a| core::power::allowed_dod(a[0], a[1], a[2], a[3], a[4])),
        "lifetime_penalty" => (2, |a| core::compute::lifetime_penalty(a[0], a[1])),
        "capital_recovery_factor" => (2, |a| core::economics::capital_recovery_factor(a[0], a[1])),
        "wright_launch_price_usd_per_kg" => (4, |a| core::economics::wright_launch_price_usd_per_kg(a[0], a[1], a[2], a[3])),
        "launched_power_usd_per_kw_yr" => (4, |a| core::economics::launched_power_usd_per_kw_yr(a[0], a[1], a[2], a[3])),
        "ground_power_usd_per_kw_yr" => (3, |a| core::economics::ground_power_usd_per_kw_yr(a[0], a[1], a[2])),
        "ownership_pv_factor" => (3, |a| core::economics::ownership_pv_factor(core::compute::continuous_rate(a[0]), a[1], a[2])),
        "arrhenius_factor" => (3, |a| core::compute::arrhenius_factor(a[0], a[1], a[2])),
        "mean_yearly_retention" => (2, |a| core::solar::mean_yearly_retention(a[0], a[1])),
        "edge_on_panel_velocity_projection" => (1, |a| orbit::edge_on_panel_velocity_projection(a[0])),
        "hohmann_dv_m_s" => (2, |a| core::launch::hohmann_dv_m_s(a[0], a[1])),
        "launch_extra_dv_m_s" => (4, |a| core::launch::extra_dv_m_s(a[0], a[1], a[2], a[3])),
        "payload_to_orbit_kg" => (5, |a| core::launch::payload_to_orbit_kg(a[0], a[1], a[2], a[3], a[4])),
        "ledger.array_output_w" => (7, |a| core::power::ledger(a[0], a[1], a[2], a[3], a[4], a[5], a[6]).array_output_w),
        "ledger.regulation_loss_w" => (7, |a| core::power::ledger(a[0], a[1], a[2], a[3], a[4], a[5], a[6]).regulation_loss_w),
        "ledger.distribution_loss_w" => (7, |a| core::power::ledger(a[0], a[1], a[2], a[3], a[4], a[5], a[6]).distribution_loss_w),
        "ledger.battery_charge_w" => (7, |a| core::power::ledger(a[0], a[1], a[2], a[3], a[4], a[5], a[6]).battery_charge_w),
        "ledger.battery_charge_loss_w" => (7, |a| core::power::ledger(a[0], a[1], a[2], a[3], a[4], a[5], a[6]).battery_charge_loss_w),
        "ledger.battery_discharge_loss_w" => (7, |a| core::power::ledger(a[0], a[1], a[2], a[3], a[4], a[5], a[6]).battery_discharge_loss_w),
        "ledger.dissipation_sunlit_w" => (7, |a| core::power::ledger(a[0], a[1], a[2], a[3], a[4], a[5], a[6]).dissipation_sunlit_w),
        "ledger.dissipation_eclipse_w" => (7, |a| core::power::ledger(a[0], a[1], a[2], a[3], a[4], a[5], a[6]).dissipation_eclipse_w),
        _ => return None,
    })
}

/// Apply a named scalar model function element-wise to equal-length contiguous float64 arrays
/// (the Python layer validates and broadcasts).
#[pyfunction]
fn map_kernel<'py>(py: Python<'py>, name: &str, args: Vec<PyReadonlyArray1<'py, f64>>) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let (arity, f) = kernel(name).ok_or_else(|| value_error("kernel", name, "unknown model function"))?;
    if args.len() != arity {
        return Err(value_error(name, args.len(), &format!("takes {arity} arrays")));
    }
    let n = args.first().map(|a| a.len()).unwrap_or(0);
    let slices: Vec<&[f64]> = args.iter().map(|a| a.as_slice()).collect::<Result<_, _>>().map_err(|_| PyTypeError::new_err("kernel inputs must be contiguous"))?;
    if slices.iter().any(|s| s.len() != n) {
        return Err(value_error(name, "<arrays>", "inputs must have equal lengths"));
    }
    let out: Vec<f64> = py.detach(|| {
        let mut buf = [0.0f64; 16];
        (0..n)
            .map(|i| {
                for (k, s) in slices.iter().enumerate() {
                    buf[k] = s[i];
                }
                f(&buf[..arity])
            })
            .collect()
    });
    Ok(out.into_pyarray(py))
}

/// Set the number of threads for batch evaluation (0 restores the default: the
/// ORBITFLOPS_NUM_THREADS environment variable, else every core).
#[pyfunction]
fn set_num_threads(n: &Bound<'_, PyAny>) -> PyResult<()> {
    if !n.is_instance_of::<pyo3::types::PyInt>() || n.is_instance_of::<pyo3::types::PyBool>() {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!("n = {}: the number of threads must be an int", n.repr()?)));
    }
    let max = core::parallel::MAX_THREADS;
    match n.extract::<i64>() {
        Ok(k) if (0..=max as i64).contains(&k) => {
            core::parallel::set_num_threads(k as usize);
            Ok(())
        }
        _ => Err(pyo3::exceptions::PyValueError::new_err(format!("n = {}: the number of threads must be between 0 (the default) and {max}", n.repr()?))),
    }
}

/// The number of threads batch evaluation uses.
#[pyfunction]
fn get_num_threads() -> usize {
    core::parallel::num_threads()
}

fn info_list<'py>(py: Python<'py>) -> PyResult<(Bound<'py, PyList>, Bound<'py, PyList>, Bound<'py, PyList>)> {
    let params = PyList::empty(py);
    for p in core::PARAMS {
        let d = PyDict::new(py);
        d.set_item("section", p.section)?;
        d.set_item("name", p.name)?;
        d.set_item("unit", p.unit)?;
        d.set_item("default", p.default)?;
        d.set_item("range", p.bounds.describe())?;
        d.set_item("low", p.bounds.lo)?;
        d.set_item("high", p.bounds.hi)?;
        d.set_item("integer", p.bounds.integer)?;
        d.set_item("low_open", p.bounds.lo_open)?;
        d.set_item("high_open", p.bounds.hi_open)?;
        d.set_item("doc", p.doc)?;
        d.set_item("source", p.source)?;
        let i = core::Params::index_of(p.name).expect("a parameter");
        let public = core::params::PUBLIC_RANGES.iter().find(|r| r.param == i);
        d.set_item("public_low", public.map(|r| r.low))?;
        d.set_item("public_high", public.map(|r| r.high))?;
        params.append(d)?;
    }
    let outputs = PyList::empty(py);
    for o in core::OUTPUTS {
        let d = PyDict::new(py);
        d.set_item("group", o.group)?;
        d.set_item("name", o.name)?;
        d.set_item("unit", o.unit)?;
        d.set_item("doc", o.doc)?;
        outputs.append(d)?;
    }
    let presets = PyList::empty(py);
    for fam in [core::presets::CELLS, core::presets::RACKS, core::presets::LAUNCHERS, core::presets::COATINGS, core::presets::SUPPLIES] {
        for p in fam {
            let d = PyDict::new(py);
            d.set_item("kind", p.kind)?;
            d.set_item("name", p.name)?;
            d.set_item("description", p.description)?;
            d.set_item("source", p.source)?;
            let vals = PyDict::new(py);
            for (i, v) in p.values {
                vals.set_item(core::PARAMS[*i].name, *v)?;
            }
            d.set_item("values", vals)?;
            let ranges = PyDict::new(py);
            for (i, lo, hi) in p.ranges {
                ranges.set_item(core::PARAMS[*i].name, (*lo, *hi))?;
            }
            d.set_item("ranges", ranges)?;
            presets.append(d)?;
        }
    }
    Ok((params, outputs, presets))
}

/// What each categorical choice of a scenario file means: (key, description, descriptions of the
/// names that are not presets; presets describe themselves in PRESETS).

/// Each categorical choice of a scenario file: section, key, description, allowed names (with
/// descriptions for those that are not presets) and whether it names a preset.
fn choices_info<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for (section, key) in core::scenario::CHOICE_KEYS {
        let family = core::presets::family(key);
        let names = core::scenario::choice_names(key);
        let (doc, name_docs) = core::scenario::CHOICE_DOCS.iter().find(|(k, _, _)| *k == key).map(|(_, d, n)| (*d, *n)).unwrap_or(("", &[]));
        let d = PyDict::new(py);
        d.set_item("section", section)?;
        d.set_item("key", key)?;
        d.set_item("doc", doc)?;
        d.set_item("names", names)?;
        d.set_item("name_docs", name_docs.iter().copied().collect::<std::collections::HashMap<_, _>>())?;
        d.set_item("preset", family.is_some())?;
        list.append(d)?;
    }
    Ok(list)
}

/// The design fields with unit, description and the range `check_design_value` accepts.
fn design_info<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
    use core::params::Bounds;
    let fields: [(&str, &str, Bounds, &str); 5] = [
        ("array_area_m2", "m^2", Bounds::gt(0.0), "Solar array area."),
        ("radiator_area_m2", "m^2", Bounds::gt(0.0), "Radiator panel area, one face."),
        ("racks", "1", Bounds::closed(1.0, 1.0e7).int(), "Powered racks."),
        ("spare_racks", "1", Bounds::closed(0.0, 1.0e7).int(), "Cold spare racks."),
        ("battery_energy_j", "J", Bounds::ge(0.0), "Battery energy; when absent, sized from the worst eclipse at the allowed depth of discharge."),
    ];
    let list = PyList::empty(py);
    for (name, unit, b, doc) in fields {
        let d = PyDict::new(py);
        d.set_item("name", name)?;
        d.set_item("unit", unit)?;
        d.set_item("doc", doc)?;
        d.set_item("range", b.describe())?;
        d.set_item("low", b.lo)?;
        d.set_item("high", b.hi)?;
        d.set_item("integer", b.integer)?;
        d.set_item("low_open", b.lo_open)?;
        d.set_item("high_open", b.hi_open)?;
        list.append(d)?;
    }
    Ok(list)
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<Design>()?;
    m.add_class::<Scenario>()?;
    m.add_class::<Evaluation>()?;
    m.add("InvalidInputError", py.get_type::<InvalidInputError>())?;
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(size, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_batch, m)?)?;
    m.add_function(wrap_pyfunction!(map_kernel, m)?)?;
    m.add_function(wrap_pyfunction!(set_num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(get_num_threads, m)?)?;
    let (params, outputs, presets) = info_list(py)?;
    m.add("PARAMS", params)?;
    m.add("OUTPUTS", outputs)?;
    m.add("PRESETS", presets)?;
    m.add("CONSTRAINT_NAMES", core::outputs::CONSTRAINT_NAMES.to_vec())?;
    m.add("DESIGN_FIELDS", core::scenario::DESIGN_FIELDS.to_vec())?;
    let choice_keys: Vec<(&str, &str)> = core::scenario::CHOICE_KEYS.to_vec();
    m.add("CHOICE_KEYS", choice_keys)?;
    m.add("PARAM_REASON_BASE", core::batch::PARAM_REASON_BASE)?;
    m.add("RELATION_REASON", core::batch::RELATION_REASON)?;
    m.add("SIZING_REASON", core::batch::SIZING_REASON)?;
    m.add("MAY_BE_INF", core::outputs::MAY_BE_INF.to_vec())?;
    m.add("CHOICES", choices_info(py)?)?;
    m.add("DESIGN_INFO", design_info(py)?)?;
    m.add("EXTRA_SEARCH_VARS", core::scenario::EXTRA_SEARCH_VARS.to_vec())?;
    m.add("CATEGORICAL_SEARCH_VARS", core::scenario::CATEGORICAL_SEARCH_VARS.to_vec())?;
    m.add("MAGNITUDE_MIN", core::scenario::MAGNITUDE_MIN)?;
    m.add("MAGNITUDE_MAX", core::scenario::MAGNITUDE_MAX)?;
    mission::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
