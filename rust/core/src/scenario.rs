//! A scenario: every assumption (numeric parameters, modelling choices, presets), a default
//! design and the optimiser's search space; read from and written to TOML.

use crate::error::{fmt_num, InputError};
use crate::orbit::Shadow;
use crate::params::{Params, PARAMS};
use crate::power::EclipseStrategy;
use crate::presets;
use crate::solar::Pointing;
use crate::thermal::RadiatorOrientation;

/// Which kind of orbit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrbitKind {
    /// Sun-synchronous: inclination from J2, node fixed relative to the mean Sun by the LTAN.
    Sso,
    /// Fixed inclination, node drifting at the J2 rate through every local time.
    Inclined,
}

impl OrbitKind {
    pub const NAMES: [&'static str; 2] = ["sso", "inclined"];
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "sso" => Some(Self::Sso),
            "inclined" => Some(Self::Inclined),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// How the spacecraft's mass and cost (everything but the compute payload) are modelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SpacecraftModel {
    /// From its parts: array, radiators, battery, coolant loop, bus, structure, shielding,
    /// propellant, each with its own mass and cost.
    BottomUp,
    /// Top down, as McCalip's calculator and Suncatcher's Table 1 do: a specific power (W/kg) and
    /// a specific cost (USD/W) on the array's beginning-of-life nameplate power.
    Specific,
}

impl SpacecraftModel {
    pub const NAMES: [&'static str; 2] = ["bottom_up", "specific"];
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "bottom_up" => Some(Self::BottomUp),
            "specific" => Some(Self::Specific),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// The decision variables of one design.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Design {
    /// Solar array area, m^2 (> 0).
    pub array_area_m2: f64,
    /// Radiator panel area, one face, m^2 (> 0).
    pub radiator_area_m2: f64,
    /// Powered racks (whole number >= 1).
    pub racks: f64,
    /// Cold spare racks (whole number >= 0).
    pub spare_racks: f64,
    /// Battery energy, J; `None` sizes it from the worst eclipse at the allowed depth of discharge.
    pub battery_energy_j: Option<f64>,
}

/// Names of the design fields, in order.
pub const DESIGN_FIELDS: [&str; 5] = ["array_area_m2", "radiator_area_m2", "racks", "spare_racks", "battery_energy_j"];

impl Design {
    /// Check every field, naming the first bad one.
    pub fn validate(&self) -> Result<(), InputError> {
        check_design_value(0, self.array_area_m2)?;
        check_design_value(1, self.radiator_area_m2)?;
        check_design_value(2, self.racks)?;
        check_design_value(3, self.spare_racks)?;
        if let Some(e) = self.battery_energy_j {
            check_design_value(4, e)?;
        }
        Ok(())
    }
}

impl Default for Design {
    fn default() -> Self {
        Design { array_area_m2: 5600.0, radiator_area_m2: 540.0, racks: 4.0, spare_racks: 0.0, battery_energy_j: None }
    }
}

/// Check one design value by field index (see [`DESIGN_FIELDS`]).
#[inline]
pub fn check_design_value(field: usize, v: f64) -> Result<f64, InputError> {
    let ok = v.is_finite()
        && plausible_magnitude(v)
        && match field {
            0 | 1 => v > 0.0,
            2 => v >= 1.0 && v <= 1.0e7 && v.fract() == 0.0,
            3 => v >= 0.0 && v <= 1.0e7 && v.fract() == 0.0,
            _ => v >= 0.0,
        };
    if ok {
        Ok(v)
    } else {
        let reason = match field {
            0 | 1 => "must be a finite area between 1e-30 and 1e30 m^2",
            2 => "must be a whole number of racks between 1 and 1e7",
            3 => "must be a whole number of spare racks between 0 and 1e7",
            _ => "must be 0 or a finite energy between 1e-30 and 1e30 J",
        };
        Err(InputError::number(DESIGN_FIELDS[field], v, reason))
    }
}

/// One variable of the optimiser's search space.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchVar {
    pub name: String,
    pub low: f64,
    pub high: f64,
    pub log: bool,
    pub integer: bool,
    /// Choices of a categorical variable (empty for numeric ones).
    pub choices: Vec<String>,
}

/// Categorical (string) keys of a scenario file: (section, key).
pub const CHOICE_KEYS: [(&str, &str); 11] = [
    ("orbit", "kind"),
    ("orbit", "shadow"),
    ("solar", "cell"),
    ("solar", "pointing"),
    ("power", "strategy"),
    ("thermal", "coating"),
    ("thermal", "orientation"),
    ("compute", "rack"),
    ("mass", "spacecraft"),
    ("launch", "launcher"),
    ("ground", "supply"),
];

/// Each categorical choice key: its description and, for choices that are not presets, each
/// allowed name with its description.
pub const CHOICE_DOCS: &[(&str, &str, &[(&str, &str)])] = &[
    ("kind", "Kind of orbit.", &[("sso", "Sun-synchronous: inclination from J2, node fixed relative to the mean Sun by the LTAN."), ("inclined", "Fixed inclination, node drifting at the J2 rate through every local time.")]),
    ("shadow", "Shadow model of the worst-case eclipse, which sizes the battery and the array.", &[("cylindrical", "Cylindrical Earth shadow."), ("umbra", "Conical umbra: the whole solar disc hidden."), ("penumbra", "Conical penumbra: any part of the solar disc hidden (umbra plus penumbra).")]),
    ("cell", "Solar cell preset.", &[]),
    ("pointing", "How the solar array points.", &[("two_axis", "Two axes of rotation: always normal to the Sun."), ("one_axis", "One axis of rotation along the orbit normal: cos(theta) = cos(beta)."), ("fixed_normal", "Fixed, perpendicular to the orbit plane (dawn-dusk practice): cos(theta) = sin|beta|.")]),
    ("strategy", "What compute does in eclipse.", &[("battery", "Compute runs through eclipse on a battery the array recharges in sunlight."), ("throttle", "Compute sleeps in eclipse; only the bus runs, on a small bus battery.")]),
    ("coating", "Radiator coating preset.", &[]),
    ("orientation", "Radiator orientation.", &[("edge_on", "Plane containing nadir: each face sees the Earth edge-on."), ("nadir", "Plane perpendicular to nadir: one face looks straight down, the other at deep space.")]),
    ("rack", "Compute payload preset (a ground rack flown whole, or a purpose-built flight payload).", &[]),
    ("spacecraft", "How the spacecraft around the compute payload is modelled.", &[("bottom_up", "From its parts: array, radiators, battery, coolant loop, bus, structure, shielding, propellant."), ("specific", "Top down: a specific power (W/kg) and cost (USD/W) on the array's beginning-of-life nameplate power.")]),
    ("launcher", "Launcher preset.", &[]),
    ("supply", "Electricity supply preset of the ground baseline.", &[]),
];

/// The names a choice key accepts (a preset family's names for preset keys).
pub fn choice_names(key: &str) -> Vec<&'static str> {
    match key {
        "kind" => OrbitKind::NAMES.to_vec(),
        "shadow" => Shadow::NAMES.to_vec(),
        "pointing" => Pointing::NAMES.to_vec(),
        "strategy" => EclipseStrategy::NAMES.to_vec(),
        "orientation" => RadiatorOrientation::NAMES.to_vec(),
        "spacecraft" => SpacecraftModel::NAMES.to_vec(),
        _ => presets::family(key).map(|f| f.iter().map(|p| p.name).collect()).unwrap_or_default(),
    }
}

/// Numeric search variables that are not scenario parameters.
pub const EXTRA_SEARCH_VARS: [&str; 6] = ["array_area_m2", "radiator_area_m2", "racks", "spare_racks", "battery_energy_j", "radiator_temp_k"];

/// Every assumption of a study.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub params: Params,
    pub orbit_kind: OrbitKind,
    /// Shadow model for the worst-case eclipse (battery and array sizing). Annual means always use
    /// the cylindrical shadow, which matches the time-averaged lost sunlight to ~3e-5.
    pub shadow: Shadow,
    pub pointing: Pointing,
    pub strategy: EclipseStrategy,
    pub orientation: RadiatorOrientation,
    /// Bottom-up or top-down (specific power and cost) spacecraft.
    pub spacecraft: SpacecraftModel,
    pub cell: String,
    pub rack: String,
    pub launcher: String,
    pub coating: String,
    /// Electricity supply of the ground baseline (preset name).
    pub supply: String,
    /// The design `orbitflops evaluate` scores and the optimiser starts from.
    pub design: Design,
    /// The optimiser's search space.
    pub search: Vec<SearchVar>,
    /// The `[uncertainty]` table (distributions of assumptions for Monte Carlo and sensitivity
    /// studies) as TOML text, empty when the file has none. The Python layer validates it; the
    /// core keeps it so that a scenario file round-trips.
    pub uncertainty_toml: String,
}

fn num_var(name: &str, low: f64, high: f64, log: bool, integer: bool) -> SearchVar {
    SearchVar { name: name.into(), low, high, log, integer, choices: vec![] }
}

fn choice_var(name: &str, choices: Vec<&str>) -> SearchVar {
    SearchVar { name: name.into(), low: 0.0, high: 0.0, log: false, integer: false, choices: choices.into_iter().map(String::from).collect() }
}

impl Default for Scenario {
    fn default() -> Self {
        let mut s = Scenario {
            params: Params::default(),
            orbit_kind: OrbitKind::Sso,
            shadow: Shadow::Penumbra,
            pointing: Pointing::FixedNormal,
            strategy: EclipseStrategy::Battery,
            orientation: RadiatorOrientation::EdgeOn,
            spacecraft: SpacecraftModel::BottomUp,
            cell: "silicon_thin".into(),
            rack: "gb200_nvl72_flight".into(),
            launcher: "falcon_heavy".into(),
            coating: "white_paint".into(),
            supply: "grid".into(),
            design: Design::default(),
            uncertainty_toml: String::new(),
            // The whole design space: the array, radiator and battery are sized for each choice
            // (orbitflops.size), so they are not searched. Preset choices: every preset.
            search: vec![
                num_var("racks", 1.0, 40.0, false, true),
                num_var("spare_racks", 0.0, 12.0, false, true),
                choice_var("cell", presets::family("cell").unwrap_or_default().iter().map(|p| p.name).collect()),
                choice_var("rack", presets::family("rack").unwrap_or_default().iter().map(|p| p.name).collect()),
                choice_var("launcher", presets::family("launcher").unwrap_or_default().iter().map(|p| p.name).collect()),
                choice_var("strategy", EclipseStrategy::NAMES.to_vec()),
                choice_var("pointing", Pointing::NAMES.to_vec()),
                // low Earth orbit: above the ISS's ~400 km, below the 2,000 km the IADC counts as LEO
                num_var("altitude_m", 400_000.0, 2_000_000.0, false, false),
                num_var("ltan_h", 0.0, 23.99, false, false), // the whole day: the parameter takes [0, 24)
                num_var("radiator_temp_k", 250.0, 340.0, false, false),
            ],
        };
        for (kind, name) in [("cell", "silicon_thin"), ("rack", "gb200_nvl72_flight"), ("launcher", "falcon_heavy"), ("coating", "white_paint"), ("supply", "grid")] {
            s.apply_preset(kind, name).expect("built-in preset");
        }
        s
    }
}

/// Closest candidate to `word` by edit distance, for "did you mean" hints.
fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    fn lev(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut cur = vec![i + 1];
            for (j, cb) in b.iter().enumerate() {
                cur.push((prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
            }
            prev = cur;
        }
        prev[b.len()]
    }
    candidates.map(|c| (lev(word, c), c)).filter(|(d, c)| *d <= (c.len() / 3).max(2)).min_by_key(|(d, _)| *d).map(|(_, c)| c)
}

fn hint(word: &str, candidates: Vec<&str>) -> String {
    let mut s = match closest(word, candidates.iter().copied()) {
        Some(c) => format!(" (did you mean '{c}'?)"),
        None => String::new(),
    };
    if candidates.len() <= 12 {
        s.push_str(&format!("; expected one of: {}", candidates.join(", ")));
    }
    s
}

impl Scenario {
    /// Apply a named preset ("cell", "rack", "launcher", "coating", "supply").
    pub fn apply_preset(&mut self, kind: &str, name: &str) -> Result<(), InputError> {
        let family = presets::family(kind).ok_or_else(|| InputError::value("preset kind", kind, "must be one of cell, rack, launcher, coating, supply"))?;
        let p = family.iter().find(|p| p.name == name).ok_or_else(|| {
            InputError::value(kind, format!("'{name}'"), format!("unknown {kind} preset{}", hint(name, family.iter().map(|p| p.name).collect())))
        })?;
        for &(i, v) in p.values {
            self.params.set(i, v);
        }
        match kind {
            "cell" => self.cell = name.into(),
            "rack" => self.rack = name.into(),
            "launcher" => self.launcher = name.into(),
            "supply" => self.supply = name.into(),
            _ => self.coating = name.into(),
        }
        Ok(())
    }

    /// Set a categorical choice by its key ("kind", "shadow", "pointing", "strategy",
    /// "orientation", "spacecraft", "cell", "rack", "launcher", "coating", "supply").
    pub fn set_choice(&mut self, key: &str, value: &str) -> Result<(), InputError> {
        fn pick<T>(key: &str, value: &str, f: fn(&str) -> Option<T>, names: &[&str]) -> Result<T, InputError> {
            f(value).ok_or_else(|| InputError::value(key, format!("'{value}'"), format!("unknown {key}{}", hint(value, names.to_vec()))))
        }
        match key {
            "kind" => self.orbit_kind = pick(key, value, OrbitKind::from_name, &OrbitKind::NAMES)?,
            "shadow" => self.shadow = pick(key, value, Shadow::from_name, &Shadow::NAMES)?,
            "pointing" => self.pointing = pick(key, value, Pointing::from_name, &Pointing::NAMES)?,
            "strategy" => self.strategy = pick(key, value, EclipseStrategy::from_name, &EclipseStrategy::NAMES)?,
            "orientation" => self.orientation = pick(key, value, RadiatorOrientation::from_name, &RadiatorOrientation::NAMES)?,
            "spacecraft" => self.spacecraft = pick(key, value, SpacecraftModel::from_name, &SpacecraftModel::NAMES)?,
            "cell" | "rack" | "launcher" | "coating" | "supply" => self.apply_preset(key, value)?,
            _ => {
                return Err(InputError::value(
                    "choice",
                    format!("'{key}'"),
                    format!("unknown choice{}", hint(key, CHOICE_KEYS.iter().map(|(_, k)| *k).collect())),
                ))
            }
        }
        Ok(())
    }

    /// Current value of a categorical choice.
    pub fn choice(&self, key: &str) -> Option<String> {
        Some(match key {
            "kind" => self.orbit_kind.name().into(),
            "shadow" => self.shadow.name().into(),
            "pointing" => self.pointing.name().into(),
            "strategy" => self.strategy.name().into(),
            "orientation" => self.orientation.name().into(),
            "spacecraft" => self.spacecraft.name().into(),
            "cell" => self.cell.clone(),
            "rack" => self.rack.clone(),
            "launcher" => self.launcher.clone(),
            "coating" => self.coating.clone(),
            "supply" => self.supply.clone(),
            _ => return None,
        })
    }

    /// Set a numeric parameter by name, checking its range.
    pub fn set_param(&mut self, name: &str, v: f64) -> Result<(), InputError> {
        let i = Params::index_of(name).ok_or_else(|| {
            InputError::value("parameter", format!("'{name}'"), format!("unknown scenario parameter{}", hint(name, PARAMS.iter().map(|p| p.name).collect())))
        })?;
        check_param(i, v)?;
        self.params.set(i, v);
        Ok(())
    }

    /// Check every parameter's range and the relations between them.
    pub fn validate(&self) -> Result<(), InputError> {
        for (i, &v) in self.params.as_slice().iter().enumerate() {
            check_param(i, v)?;
        }
        check_relations(&self.params, self.orbit_kind)?;
        self.design.validate()?;
        Ok(())
    }

    /// Read a scenario from TOML text: presets first, then explicit values. Unknown sections or
    /// keys and wrong types are errors naming the key path.
    pub fn from_toml_str(text: &str) -> Result<Scenario, InputError> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let mut msg = e.message().trim().replace('\n', "; ");
            if let Some(span) = e.span() {
                let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                msg = format!("{msg} (line {line})");
            }
            InputError::value("TOML", "<file>", format!("malformed TOML: {msg}"))
        })?;
        let mut s = Scenario::default();
        let sections: Vec<&str> = {
            let mut v: Vec<&str> = PARAMS.iter().map(|p| p.section).collect();
            v.dedup();
            v.push("design");
            v.push("search");
            v.push("uncertainty");
            v
        };
        for (sec, val) in table.iter() {
            if !sections.contains(&sec.as_str()) {
                return Err(InputError::value(sec.as_str(), "<section>", format!("unknown section{}", hint(sec, sections.clone()))));
            }
            if !val.is_table() {
                return Err(InputError::type_error(sec.as_str(), type_name(val), "must be a table ([section])"));
            }
        }
        // Presets and choices first, so that explicit numbers override them.
        for (sec, key) in CHOICE_KEYS {
            if let Some(v) = table.get(sec).and_then(|t| t.get(key)) {
                let path = format!("{sec}.{key}");
                let name = v.as_str().ok_or_else(|| InputError::type_error(path.clone(), type_name(v), "must be a string"))?;
                s.set_choice(key, name).map_err(|mut e| {
                    e.field = path;
                    e
                })?;
            }
        }
        for (sec, val) in table.iter() {
            let t = val.as_table().expect("checked above");
            match sec.as_str() {
                "design" => s.design = parse_design(t, &s.design)?,
                "search" => s.search = parse_search(t)?,
                "uncertainty" => {
                    let mut wrap = toml::Table::new();
                    wrap.insert("uncertainty".into(), toml::Value::Table(t.clone()));
                    s.uncertainty_toml = toml::to_string(&wrap).map_err(|e| InputError::value("uncertainty", "<table>", format!("cannot be written back as TOML: {e}")))?;
                }
                _ => {
                    for (key, v) in t.iter() {
                        let path = format!("{sec}.{key}");
                        if CHOICE_KEYS.contains(&(sec.as_str(), key.as_str())) {
                            continue;
                        }
                        let i = PARAMS.iter().position(|p| p.section == sec && p.name == key).ok_or_else(|| {
                            let mut cands: Vec<&str> = PARAMS.iter().filter(|p| p.section == sec).map(|p| p.name).collect();
                            cands.extend(CHOICE_KEYS.iter().filter(|(s2, _)| s2 == sec).map(|(_, k)| *k));
                            let elsewhere = PARAMS.iter().find(|p| p.name == key).map(|p| format!(" ('{key}' belongs in section [{}])", p.section)).unwrap_or_default();
                            InputError::value(path.clone(), "<key>", format!("unknown key{elsewhere}{}", hint(key, cands)))
                        })?;
                        let x = number(&path, v)?;
                        check_param(i, x).map_err(|mut e| {
                            e.field = path.clone();
                            e
                        })?;
                        s.params.set(i, x);
                    }
                }
            }
        }
        check_relations(&s.params, s.orbit_kind)?;
        Ok(s)
    }

    /// Write the whole scenario (every value explicit) as TOML that [`Scenario::from_toml_str`]
    /// reads back to an equal scenario.
    pub fn to_toml_string(&self) -> String {
        let mut out = String::from("# orbitflops scenario: SI units unless a key says otherwise.\n");
        let mut section = "";
        for (i, p) in PARAMS.iter().enumerate() {
            if p.section != section {
                section = p.section;
                out.push_str(&format!("\n[{section}]\n"));
                for (sec, key) in CHOICE_KEYS {
                    if sec == section {
                        out.push_str(&format!("{key} = \"{}\"\n", self.choice(key).unwrap()));
                    }
                }
            }
            out.push_str(&format!("{} = {}\n", p.name, toml_float(self.params.get(i))));
        }
        out.push_str("\n[design]\n");
        let d = &self.design;
        out.push_str(&format!(
            "array_area_m2 = {}\nradiator_area_m2 = {}\nracks = {}\nspare_racks = {}\n",
            toml_float(d.array_area_m2),
            toml_float(d.radiator_area_m2),
            d.racks as i64,
            d.spare_racks as i64
        ));
        if let Some(e) = d.battery_energy_j {
            out.push_str(&format!("battery_energy_j = {}\n", toml_float(e)));
        }
        out.push_str("\n[search]\n");
        for v in &self.search {
            if v.choices.is_empty() {
                out.push_str(&format!(
                    "{} = {{ low = {}, high = {}, log = {}, integer = {} }}\n",
                    v.name,
                    toml_float(v.low),
                    toml_float(v.high),
                    v.log,
                    v.integer
                ));
            } else {
                let c: Vec<String> = v.choices.iter().map(|c| format!("\"{c}\"")).collect();
                out.push_str(&format!("{} = [{}]\n", v.name, c.join(", ")));
            }
        }
        if !self.uncertainty_toml.is_empty() {
            out.push('\n');
            out.push_str(&self.uncertainty_toml);
        }
        out
    }
}

fn toml_float(v: f64) -> String {
    let s = format!("{v:?}");
    if s.contains('.') || s.contains('e') || s.contains("inf") || s.contains("nan") { s } else { format!("{s}.0") }
}

fn type_name(v: &toml::Value) -> &'static str {
    match v {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "an integer",
        toml::Value::Float(_) => "a float",
        toml::Value::Boolean(_) => "a boolean",
        toml::Value::Datetime(_) => "a date",
        toml::Value::Array(_) => "an array",
        toml::Value::Table(_) => "a table",
    }
}

fn number(path: &str, v: &toml::Value) -> Result<f64, InputError> {
    match v {
        toml::Value::Float(x) => Ok(*x),
        toml::Value::Integer(i) => Ok(*i as f64),
        other => Err(InputError::type_error(path, type_name(other), "must be a number")),
    }
}

/// Smallest nonzero magnitude of any numeric input (parameter or design value).
pub const MAGNITUDE_MIN: f64 = 1e-30;
/// Largest magnitude of any numeric input. Together with [`MAGNITUDE_MIN`] this keeps every
/// product and quotient of inputs inside the f64 range (about 1e-308 to 1e308), so that no
/// valid input overflows to inf or underflows to a subnormal and then gives inf - inf or 0 / 0.
pub const MAGNITUDE_MAX: f64 = 1e30;

/// `v` is 0 or its magnitude lies in [`MAGNITUDE_MIN`, `MAGNITUDE_MAX`].
#[inline(always)]
pub fn plausible_magnitude(v: f64) -> bool {
    v == 0.0 || (MAGNITUDE_MIN..=MAGNITUDE_MAX).contains(&v.abs())
}

/// Check one parameter against its range.
pub fn check_param(i: usize, v: f64) -> Result<f64, InputError> {
    let p = &PARAMS[i];
    if p.bounds.contains(v) && plausible_magnitude(v) {
        Ok(v)
    } else if p.bounds.contains(v) {
        Err(InputError::number(p.name, v, format!("must be 0 or of magnitude between {MAGNITUDE_MIN:e} and {MAGNITUDE_MAX:e} {}", p.unit)))
    } else {
        Err(InputError::number(p.name, v, format!("must be {} {}", p.bounds.describe(), p.unit)))
    }
}

/// Relations between parameters that single ranges cannot express.
pub fn check_relations(p: &Params, kind: OrbitKind) -> Result<(), InputError> {
    if kind == OrbitKind::Sso && crate::orbit::sso_inclination_rad(p.altitude_m).is_none() {
        return Err(InputError::number("altitude_m", p.altitude_m, "has no sun-synchronous inclination (J2 too weak above about 5,970 km); use orbit.kind = \"inclined\""));
    }
    let limit = p.chip_temp_max_k - p.cold_plate_dt_k - p.coolant_loop_dt_k;
    if limit <= crate::constants::SPACE_SINK_K {
        return Err(InputError::number(
            "chip_temp_max_k",
            p.chip_temp_max_k,
            format!("minus cold_plate_dt_k and coolant_loop_dt_k leaves a radiator limit of {} K, at or below the 3 K sink", fmt_num(limit)),
        ));
    }
    Ok(())
}

fn parse_design(t: &toml::Table, base: &Design) -> Result<Design, InputError> {
    let mut d = *base;
    for (key, v) in t {
        let path = format!("design.{key}");
        let i = DESIGN_FIELDS.iter().position(|f| f == key).ok_or_else(|| InputError::value(path.clone(), "<key>", format!("unknown key{}", hint(key, DESIGN_FIELDS.to_vec()))))?;
        let x = number(&path, v)?;
        check_design_value(i, x).map_err(|mut e| {
            e.field = path.clone();
            e
        })?;
        match i {
            0 => d.array_area_m2 = x,
            1 => d.radiator_area_m2 = x,
            2 => d.racks = x,
            3 => d.spare_racks = x,
            _ => d.battery_energy_j = Some(x),
        }
    }
    Ok(d)
}

/// Categorical search variables and the choice key each maps to.
pub const CATEGORICAL_SEARCH_VARS: [&str; 8] = ["strategy", "cell", "launcher", "pointing", "coating", "rack", "shadow", "spacecraft"];

fn parse_search(t: &toml::Table) -> Result<Vec<SearchVar>, InputError> {
    let mut out = Vec::new();
    for (key, v) in t {
        let path = format!("search.{key}");
        let numeric_ok = EXTRA_SEARCH_VARS.contains(&key.as_str()) || Params::index_of(key).is_some();
        let categorical_ok = CATEGORICAL_SEARCH_VARS.contains(&key.as_str());
        if !numeric_ok && !categorical_ok {
            let mut cands: Vec<&str> = EXTRA_SEARCH_VARS.to_vec();
            cands.extend(CATEGORICAL_SEARCH_VARS);
            cands.extend(PARAMS.iter().map(|p| p.name));
            return Err(InputError::value(path, "<key>", format!("unknown search variable{}", hint(key, cands))));
        }
        if categorical_ok {
            let arr = v.as_array().ok_or_else(|| InputError::type_error(path.clone(), type_name(v), "must be an array of choice names"))?;
            let mut choices = Vec::new();
            for c in arr {
                let name = c.as_str().ok_or_else(|| InputError::type_error(path.clone(), type_name(c), "choices must be strings"))?;
                let mut probe = Scenario::default();
                probe.set_choice(key, name).map_err(|mut e| {
                    e.field = path.clone();
                    e
                })?;
                choices.push(name.to_string());
            }
            if choices.is_empty() {
                return Err(InputError::value(path, "[]", "needs at least one choice"));
            }
            out.push(SearchVar { name: key.clone(), low: 0.0, high: 0.0, log: false, integer: false, choices });
            continue;
        }
        let integer_default = matches!(key.as_str(), "racks" | "spare_racks");
        let (low, high, log, integer) = match v {
            toml::Value::Array(a) if a.len() == 2 => (number(&path, &a[0])?, number(&path, &a[1])?, false, integer_default),
            toml::Value::Table(tt) => {
                let mut low = None;
                let mut high = None;
                let mut log = false;
                let mut integer = integer_default;
                for (k, x) in tt {
                    let p2 = format!("{path}.{k}");
                    match k.as_str() {
                        "low" => low = Some(number(&p2, x)?),
                        "high" => high = Some(number(&p2, x)?),
                        "log" => log = x.as_bool().ok_or_else(|| InputError::type_error(p2.clone(), type_name(x), "must be true or false"))?,
                        "integer" => integer = x.as_bool().ok_or_else(|| InputError::type_error(p2.clone(), type_name(x), "must be true or false"))?,
                        _ => return Err(InputError::value(p2, "<key>", format!("unknown key{}", hint(k, vec!["low", "high", "log", "integer"])))),
                    }
                }
                let low = low.ok_or_else(|| InputError::value(format!("{path}.low"), "<missing>", "is required"))?;
                let high = high.ok_or_else(|| InputError::value(format!("{path}.high"), "<missing>", "is required"))?;
                (low, high, log, integer)
            }
            other => return Err(InputError::type_error(path, type_name(other), "must be [low, high] or { low = .., high = .., log = .. }")),
        };
        if !(low.is_finite() && high.is_finite() && low <= high) {
            return Err(InputError::value(path, format!("[{}, {}]", fmt_num(low), fmt_num(high)), "bounds must be finite with low <= high"));
        }
        if log && low <= 0.0 {
            return Err(InputError::number(path, low, "a log-scaled variable needs low > 0"));
        }
        out.push(SearchVar { name: key.clone(), low, high, log, integer, choices: vec![] });
    }
    Ok(out)
}
