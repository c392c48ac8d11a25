//! Every numeric assumption of a scenario: name (with unit), TOML section, default, valid range,
//! description and source. The list is the single place these facts live; `Params` is generated
//! from it so that fields can be read and set by name (configuration files, batch overrides,
//! Monte Carlo) as well as by Rust field access.

/// Valid range of a parameter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub lo: f64,
    pub lo_open: bool,
    pub hi: f64,
    pub hi_open: bool,
    pub integer: bool,
}

impl Bounds {
    pub const fn ge(lo: f64) -> Self { Bounds { lo, lo_open: false, hi: f64::INFINITY, hi_open: true, integer: false } }
    pub const fn gt(lo: f64) -> Self { Bounds { lo, lo_open: true, hi: f64::INFINITY, hi_open: true, integer: false } }
    pub const fn closed(lo: f64, hi: f64) -> Self { Bounds { lo, lo_open: false, hi, hi_open: false, integer: false } }
    pub const fn open(lo: f64, hi: f64) -> Self { Bounds { lo, lo_open: true, hi, hi_open: true, integer: false } }
    pub const fn left_open(lo: f64, hi: f64) -> Self { Bounds { lo, lo_open: true, hi, hi_open: false, integer: false } }
    pub const fn right_open(lo: f64, hi: f64) -> Self { Bounds { lo, lo_open: false, hi, hi_open: true, integer: false } }
    pub const fn int(self) -> Self { Bounds { integer: true, ..self } }

    pub fn contains(&self, v: f64) -> bool {
        if !v.is_finite() {
            return false;
        }
        let lo_ok = if self.lo_open { v > self.lo } else { v >= self.lo };
        let hi_ok = if self.hi_open { v < self.hi } else { v <= self.hi };
        lo_ok && hi_ok && (!self.integer || v.fract() == 0.0)
    }

    /// Human-readable description of the range, e.g. "a finite number in (0, 1]".
    pub fn describe(&self) -> String {
        let kind = if self.integer { "a whole number" } else { "a finite number" };
        if self.hi.is_infinite() {
            format!("{kind} {} {}", if self.lo_open { ">" } else { ">=" }, self.lo)
        } else {
            format!(
                "{kind} in {}{}, {}{}",
                if self.lo_open { "(" } else { "[" },
                self.lo,
                self.hi,
                if self.hi_open { ")" } else { "]" }
            )
        }
    }
}

/// Metadata of one parameter.
#[derive(Clone, Copy, Debug)]
pub struct ParamInfo {
    pub section: &'static str,
    pub name: &'static str,
    pub unit: &'static str,
    pub default: f64,
    pub bounds: Bounds,
    pub doc: &'static str,
    pub source: &'static str,
}

macro_rules! define_params {
    ($( [$section:literal] $( $name:ident : $unit:literal = $default:expr ; $bounds:expr ; $doc:literal ; $source:literal ; )* )*) => {
        /// Numeric scenario parameters (SI units unless the name says otherwise).
        #[repr(C)]
        #[derive(Clone, Debug, PartialEq)]
        pub struct Params { $( $( #[doc = $doc] pub $name: f64, )* )* }

        /// Metadata of every parameter, in field order.
        pub const PARAMS: &[ParamInfo] = &[ $( $( ParamInfo {
            section: $section, name: stringify!($name), unit: $unit, default: $default,
            bounds: $bounds, doc: $doc, source: $source,
        }, )* )* ];

        impl Default for Params {
            fn default() -> Self { Params { $( $( $name: $default, )* )* } }
        }

        /// Parameter indices, by name, for fast access.
        #[allow(non_upper_case_globals, dead_code)]
        pub mod idx {
            define_params!(@idx 0usize; $( $( $name )* )*);
        }
    };
    (@idx $n:expr; $head:ident $($rest:ident)*) => {
        pub const $head: usize = $n;
        define_params!(@idx $n + 1usize; $($rest)*);
    };
    (@idx $n:expr;) => { pub const COUNT: usize = $n; };
}

/// Number of numeric parameters.
pub const N_PARAMS: usize = idx::COUNT;

impl Params {
    /// All parameters as a slice, in [`PARAMS`] order.
    pub fn as_slice(&self) -> &[f64] {
        // SAFETY: `Params` is `repr(C)` and made only of `f64` fields, so it has the layout of
        // `[f64; N_PARAMS]`.
        unsafe { std::slice::from_raw_parts(self as *const Params as *const f64, N_PARAMS) }
    }
    /// All parameters as a mutable slice, in [`PARAMS`] order.
    pub fn as_mut_slice(&mut self) -> &mut [f64] {
        // SAFETY: as in `as_slice`.
        unsafe { std::slice::from_raw_parts_mut(self as *mut Params as *mut f64, N_PARAMS) }
    }
    /// Index of a parameter by name.
    pub fn index_of(name: &str) -> Option<usize> {
        PARAMS.iter().position(|p| p.name == name)
    }
    pub fn get(&self, i: usize) -> f64 { self.as_slice()[i] }
    pub fn set(&mut self, i: usize, v: f64) { self.as_mut_slice()[i] = v; }
}

const PI: f64 = std::f64::consts::PI;

define_params! {
["orbit"]
    altitude_m: "m" = 550_000.0; Bounds::closed(100_000.0, 1.0e9);
        "Circular orbit altitude above the equatorial radius."; "Design choice; dawn-dusk SSO near 550 km as flown by large constellations";
    ltan_h: "h" = 18.0; Bounds::right_open(0.0, 24.0);
        "Local time of the ascending node of a sun-synchronous orbit (6 or 18 = dawn-dusk)."; "Vallado sec. 11.4; dawn-dusk practice (Suncatcher arXiv:2511.19468)";
    inclination_rad: "rad" = 51.6 * PI / 180.0; Bounds::closed(0.0, PI);
        "Inclination used when orbit.kind = \"inclined\" (the node then drifts at the J2 rate)."; "User choice (ISS-like default)";
["solar"]
    solar_constant_w_m2: "W/m^2" = 1361.0; Bounds::gt(0.0);
        "Total solar irradiance at 1 AU."; "Kopp & Lean 2011, GRL 38 L01706";
    cell_efficiency: "1" = 0.22; Bounds::open(0.0, 1.0);
        "Cell efficiency at the reference temperature, AM0, beginning of life."; "Cell preset (see presets)";
    cell_packing_factor: "1" = 0.90; Bounds::left_open(0.0, 1.0);
        "Fraction of array area covered by active cells."; "Cell preset (see presets)";
    array_inherent_efficiency: "1" = 0.90; Bounds::left_open(0.0, 1.0);
        "Array losses other than temperature (wiring, mismatch, diodes, shadowing)."; "SMAD 3rd ed. sec. 11.4 (inherent degradation without the temperature term) (est.); range 0.85-0.95";
    cell_temp_coeff_per_k: "1/K" = -0.004; Bounds::closed(-0.05, 0.05);
        "Relative change of cell power per kelvin above the reference temperature."; "Cell preset (see presets)";
    cell_ref_temp_k: "K" = 301.15; Bounds::gt(0.0);
        "Reference temperature of the cell efficiency (28 C)."; "Spectrolab XTJ data sheet test condition";
    array_degradation_per_yr: "1/yr" = 0.015; Bounds::right_open(0.0, 1.0);
        "Fractional loss of array power per year (radiation, UV, thermal cycling)."; "Cell preset (see presets)";
    array_absorptivity: "1" = 0.90; Bounds::left_open(0.0, 1.0);
        "Solar absorptivity of the array front (cells and cover glass)."; "Gilmore vol. 1 Table A (cover-glassed cells 0.85-0.92)";
    array_front_emissivity: "1" = 0.85; Bounds::left_open(0.0, 1.0);
        "Infrared emissivity of the array front."; "Gilmore vol. 1 (cover glass ~0.85)";
    array_back_emissivity: "1" = 0.85; Bounds::left_open(0.0, 1.0);
        "Infrared emissivity of the array back."; "Gilmore vol. 1 (black-painted substrate ~0.85)";
    array_areal_density_kg_m2: "kg/m^2" = 1.5; Bounds::gt(0.0);
        "Array mass per m^2 of array area: cells, cover glass, substrate or blanket, booms, deployment mechanism and harness to the root (its own structure included; no primary structure is added for it)."; "Cell preset (see presets)";
    array_cost_usd_per_w: "USD/W" = 8.0; Bounds::ge(0.0);
        "Array cost per W of beginning-of-life power at normal incidence."; "Cell preset (see presets)";
["power"]
    bus_fixed_w: "W" = 3000.0; Bounds::ge(0.0);
        "Bus power independent of compute: avionics, attitude control, communications (laser links); runs in eclipse too."; "est.: SMAD 3rd ed. ch. 10 power budgets for a bus of this size with optical crosslinks; range 1-10 kW";
    bus_fraction: "1" = 0.02; Bounds::right_open(0.0, 1.0);
        "Bus power proportional to compute power: the coolant pumps and the thermal control that scale with the heat load. Power-conversion losses are not in it: they are the regulation, distribution and battery efficiencies."; "est.: pumped single-phase loops draw 1-3 % of the heat they carry (pump power = flow x pressure drop / pump efficiency at 10-30 kPa loop pressure drops)";
    regulation_efficiency: "1" = 0.95; Bounds::left_open(0.0, 1.0);
        "Array-to-bus efficiency of the array regulator (peak-power tracker or shunt regulator, harness from the wings)."; "Space PWM peak-power trackers 95-97 % (Energies 14 (2021) 7932, Power bus management techniques for space missions in LEO; ETH Sky-Sailor MPPT up to 97 %); range 0.90-0.98";
    distribution_efficiency: "1" = 0.95; Bounds::left_open(0.0, 1.0);
        "Bus-to-load efficiency: power distribution, harness and the converters that feed the loads' input."; "est.: high-voltage DC distribution and DC-DC conversion 95-98 % per stage; range 0.90-0.98 (SMAD 3rd ed. eq. 11-5 lumps regulation and distribution into X_d = 0.80 for peak-power tracking)";
    battery_charge_efficiency: "1" = 0.95; Bounds::left_open(0.0, 1.0);
        "Bus-to-store energy efficiency of charging the battery (charger and the cells' charging loss)."; "Li-ion energy efficiency about 95 % each way (round trip 0.90-0.95); SMAD 3rd ed. eq. 11-5's X_e / X_d = 0.75 is the legacy Ni-H2 round trip; range 0.85-0.98";
    battery_discharge_efficiency: "1" = 0.95; Bounds::left_open(0.0, 1.0);
        "Store-to-bus energy efficiency of discharging the battery."; "Li-ion energy efficiency about 95 % each way; SMAD 3rd ed. eq. 11-13 uses n ~ 0.9 for battery to load; range 0.85-0.98";
    battery_specific_energy_j_kg: "J/kg" = 150.0 * 3600.0; Bounds::gt(0.0);
        "Battery specific energy at pack level: cells, pack housing and battery management (the structure that mounts the pack is in structure_fraction)."; "Saft VES180 cell 160 Wh/kg (ESA ARTES); Saft space battery 120 Wh/kg at pack level; commercial cells flown in space up to 268 Wh/kg (cell); range 110-200 Wh/kg at pack level";
    battery_cost_usd_per_kwh: "USD/kWh" = 1000.0; Bounds::ge(0.0);
        "Battery cost per kWh of nameplate energy."; "est.: screened commercial cells with space packaging, management and test, 3-10 times a terrestrial pack (BloombergNEF 2024: 115 USD/kWh); no space-pack price is public; range 300-5,000";
    battery_dod_ref: "1" = 0.30; Bounds::left_open(0.0, 1.0);
        "Allowed depth of discharge at the reference cycle count."; "Saft VES180: ~30 % DoD for ~30,000 LEO cycles (ESA ARTES)";
    battery_cycles_ref: "1" = 30_000.0; Bounds::gt(0.0);
        "Reference cycle count of the DoD curve."; "Saft VES180 (ESA ARTES)";
    battery_dod_exponent: "1" = 0.2884; Bounds::closed(0.0, 5.0);
        "Exponent k of the DoD-vs-cycles power law DoD = DoD_ref (N/N_ref)^-k."; "Fit through 0.80 at 1,000 and 0.30 at 30,000 cycles (SMAD Li-ion curve) (est.)";
    battery_dod_max: "1" = 0.80; Bounds::left_open(0.0, 1.0);
        "Upper limit on depth of discharge however few the cycles."; "SMAD 3rd ed. sec. 11.4 (est.)";
["thermal"]
    chip_temp_max_k: "K" = 358.15; Bounds::gt(0.0);
        "Highest allowed accelerator junction temperature (85 C)."; "Rack preset (see presets)";
    cold_plate_dt_k: "K" = 10.0; Bounds::ge(0.0);
        "Temperature drop from junction to coolant (cold plate, thermal interface)."; "Rack preset (see presets)";
    coolant_loop_dt_k: "K" = 10.0; Bounds::ge(0.0);
        "Temperature drop from coolant to radiator surface (heat exchanger, fluid loop, fin efficiency)."; "Gilmore vol. 1 ch. 12 pumped loops (est.); range 5-15 K";
    radiator_sides: "1" = 2.0; Bounds::closed(1.0, 2.0).int();
        "Radiating faces of each radiator panel (1 or 2)."; "Design choice";
    radiator_sun_view_factor: "1" = 0.0; Bounds::closed(0.0, 2.0);
        "Projected Sun view of the radiator summed over its faces (0 = edge-on to the Sun)."; "Design choice (edge-on in a dawn-dusk orbit)";
    albedo: "1" = 0.30; Bounds::closed(0.0, 1.0);
        "Earth's albedo (Bond)."; "Gilmore vol. 1 ch. 2 orbit-average value";
    earth_ir_w_m2: "W/m^2" = 237.0; Bounds::ge(0.0);
        "Earth's outgoing long-wave radiation at the top of the atmosphere."; "Gilmore vol. 1 ch. 2 orbit-average value";
    radiator_absorptivity_bol: "1" = 0.14; Bounds::closed(0.0, 1.0);
        "Radiator solar absorptivity at beginning of life."; "Coating preset (see presets)";
    radiator_absorptivity_eol: "1" = 0.22; Bounds::closed(0.0, 1.0);
        "Radiator solar absorptivity at end of life."; "Coating preset (see presets)";
    radiator_emissivity_bol: "1" = 0.90; Bounds::left_open(0.0, 1.0);
        "Radiator infrared emissivity at beginning of life."; "Coating preset (see presets)";
    radiator_emissivity_eol: "1" = 0.85; Bounds::left_open(0.0, 1.0);
        "Radiator infrared emissivity at end of life."; "Coating preset (see presets)";
    radiator_areal_density_kg_m2: "kg/m^2" = 5.0; Bounds::gt(0.0);
        "Radiator mass per m^2 of panel (one-face area): face sheets and core, embedded tubes and fluid, coating, hinges and deployment (its own structure included; no primary structure is added for it)."; "ISS EATCS radiator ORU 1,122.64 kg for 79.2 m^2 = 14.2 kg/m^2 (NASA ATCS overview); modern deployable 5 kg/m^2 (Turyshev, JPL version, doi:10.48577/jpl.HHDDG7), body-mounted 2-3 kg/m^2; range 2.5-14.2";
    radiator_cost_usd_per_m2: "USD/m^2" = 5000.0; Bounds::ge(0.0);
        "Radiator cost per m^2 of panel."; "est.: an aluminium or composite panel with embedded tubes, coating and hinges, made in thousands, at 200-1,000 USD/kg x 5 kg/m^2 gives 1-5 k USD/m^2; USCM8's first-unit thermal CER with an 85 % learning curve gives ~30 k USD/m^2; no mass-production price is public; range 1,000-30,000";
    coolant_loop_kg_per_w: "kg/W" = 0.003; Bounds::ge(0.0);
        "Mass of the pumped coolant loop (pumps, lines, fluid, accumulators, heat exchangers) per W of heat; the cold plates are in the compute payload."; "est.: modelled single- and two-phase loops 0.8-3.5 kg/kW (spacedc-mdao coolants tables; open analyses); ISS EATCS 32 kg/kW is human-rated heritage; range 1-10 kg/kW";
    coolant_loop_cost_usd_per_w: "USD/W" = 1.0; Bounds::ge(0.0);
        "Cost of the coolant loop per W of heat."; "est.: 10-50 times a terrestrial coolant distribution unit (~0.07 USD/W, McCalip's calculator: 21.5 k USD per 300 kW) for space qualification, redundancy and micrometeoroid protection; range 0.2-5";
["compute"]
    rack_power_w: "W" = 125_000.0; Bounds::gt(0.0);
        "Electrical power of one rack at full load."; "Rack preset (see presets)";
    rack_peak_flops: "FLOP/s" = 180.0e15; Bounds::gt(0.0);
        "Peak dense FLOP/s of one rack at the stated precision."; "Rack preset (see presets)";
    rack_mass_kg: "kg" = 450.0; Bounds::ge(0.0);
        "Mass of one rack."; "Rack preset (see presets)";
    rack_cost_usd: "USD" = 3.0e6; Bounds::ge(0.0);
        "Purchase cost of one rack."; "Rack preset (see presets)";
    rack_accelerators: "1" = 72.0; Bounds::ge(1.0).int();
        "Accelerators per rack."; "Rack preset (see presets)";
    rack_enclosure_area_m2: "m^2" = 5.0; Bounds::ge(0.0);
        "Outer surface of one rack's shielded enclosure."; "Rack preset (see presets)";
    utilisation: "1" = 0.40; Bounds::left_open(0.0, 1.0);
        "Fraction of peak FLOP/s delivered by the workload (model FLOP utilisation)."; "Large-model training MFU 35-45 % (Meta, Llama 3: 38-43 % on H100; est. for other workloads); range 0.35-0.45";
    failure_rate_per_yr: "1/yr" = 0.09; Bounds::closed(0.0, 100.0);
        "Fraction of the accelerators that fail each year from hardware faults and wear-out (what ground fleets see) at the reference junction temperature failure_ref_temp_k; in orbit nothing is repaired, and this part speeds up as the chips run hotter (failure_activation_energy_ev)."; "Meta, The Llama 3 Herd of Models (arXiv:2407.21783, sec. 3.3.4): 268 GPU-attributable interruptions in 54 days on 16,384 H100s = 11 %/GPU-yr, 148 faulty GPUs = 6 %/GPU-yr; McCalip's calculator 9 %/yr; range 0.04 (screened, redundant parts) to 0.17 (every interruption of the Llama 3 run)";
    radiation_failure_rate_per_yr: "1/yr" = 0.01; Bounds::closed(0.0, 100.0);
        "Fraction of the accelerators lost each year to radiation in orbit (single-event latch-up or burnout, total dose), independent of temperature."; "est.: Suncatcher arXiv:2511.19468: TPUs behind ~10 mm of aluminium showed HBM faults from ~2 krad and no hard failure up to 15 krad in proton tests, against ~0.75 krad over 5 years near 650 km; destructive single-event rates of commercial accelerators are not public; range 0-0.05";
    failure_activation_energy_ev: "eV" = 0.7; Bounds::closed(0.0, 5.0);
        "Activation energy of the orbital failure rate's dependence on the accelerators' junction temperature (Arrhenius): the rate is failure_rate_per_yr x exp(Ea / k (1 / T_ref - 1 / T_junction)); 0 makes it independent of temperature."; "0.7 eV is the activation energy customarily assumed when the failure mechanism is not known (JEDEC JEP122 lists about 0.3-1.1 eV across semiconductor wear-out mechanisms); it is the 'failure rate doubles every 10 K' rule near 80 C (est.); range 0.3-1.0";
    failure_ref_temp_k: "K" = 348.15; Bounds::ge(200.0);
        "Junction temperature at which failure_rate_per_yr applies (75 C); at least 200 K, below the -65 C cold end of semiconductor qualification (JEDEC JESD22-A104), which also keeps the Arrhenius factor within the float range for every activation energy allowed."; "est.: data-centre accelerators under sustained training load, the fleets behind the failure data, run at about 65-85 C junction; range 338-358 K";
    radiation_derate: "1" = 0.02; Bounds::right_open(0.0, 1.0);
        "Throughput lost to radiation error handling (checkpoint, recompute, ECC scrubbing)."; "est.: HBM faults from ~2 krad, no hard failure to 15 krad in proton tests (Suncatcher arXiv:2511.19468); range 0-0.05";
    shield_thickness_m: "m" = 0.01; Bounds::ge(0.0);
        "Aluminium-equivalent shielding enclosure around each rack (self-supporting: no primary structure is added for it)."; "~10 mm Al gives ~150 rad(Si)/yr near 650 km (Suncatcher arXiv:2511.19468)";
    shield_density_kg_m3: "kg/m^3" = 2700.0; Bounds::gt(0.0);
        "Density of the shielding material (aluminium)."; "Aluminium";
["mass"]
    structure_fraction: "1" = 0.15; Bounds::right_open(0.0, 1.0);
        "Primary structure mass as a fraction of the equipment it carries: compute payload, battery, coolant loop and bus. Arrays and radiators are not included: their areal densities include their own structure and deployment; nor is the shielding enclosure, which is itself a structure."; "Structure is ~20 % of dry mass (C. Brown, Elements of Spacecraft Design, AIAA 2002, dry-mass allocation: 21-29 %), i.e. 0.25-0.4 of the rest; lower here because arrays and radiators carry their own (est.); range 0.08-0.35";
    bus_mass_kg: "kg" = 300.0; Bounds::ge(0.0);
        "Bus mass independent of power: avionics, attitude control, propulsion hardware, communications."; "est. from Starlink-class buses; AI1 (~2.1 t at 70 kW/t) leaves at most ~250 kg for these; range 150-500";
    bus_mass_kg_per_w: "kg/W" = 0.002; Bounds::ge(0.0);
        "Power management and distribution mass per W of load."; "est.: 2 kg/kW; range 1-4 kg/kW";
    spacecraft_specific_power_w_kg: "W/kg" = 36.5; Bounds::gt(0.0);
        "With spacecraft = \"specific\": beginning-of-life array nameplate power per kg of everything but the compute payload."; "McCalip's calculator: Starlink V2 mini, 27 kW nameplate / 740 kg = 36.5 W/kg; Suncatcher arXiv:2511.19468 Table 1: V2 mini ~28 kW / 575 kg = 49 W/kg; range 20-50 (est.)";
    drag_coefficient: "1" = 2.2; Bounds::gt(0.0);
        "Drag coefficient."; "Vallado sec. 8.6 (C_D ~ 2.2 for flat plates in free molecular flow)";
    body_drag_area_m2: "m^2" = 10.0; Bounds::ge(0.0);
        "Projected area of the body (racks, bus) facing the flow; arrays and radiators add their own from their mounting (orbit-average projection on the velocity)."; "est.: a body a few metres across";
    atmosphere_density_factor: "1" = 1.0; Bounds::ge(0.0);
        "Multiplier on the mean-activity density (about 3 at solar maximum)."; "Vallado sec. 8.6";
    thruster_isp_s: "s" = 1500.0; Bounds::gt(0.0);
        "Specific impulse of the drag make-up thruster (Hall effect)."; "Hall thrusters 1,200-1,800 s (Goebel & Katz, Fundamentals of Electric Propulsion)";
["launch"]
    launch_price_usd_per_kg: "USD/kg" = 1800.0; Bounds::ge(0.0);
        "Launch price per kg of the launcher's reference payload (the figure launch prices and learning curves quote). To the scenario's orbit a launch carries less, so each kg there costs this times the reference payload over the payload to the orbit."; "Launcher preset (see presets)";
    launcher_payload_kg: "kg" = 63_800.0; Bounds::gt(0.0);
        "Payload of one launch to the launcher's reference orbit, as published."; "Launcher preset (see presets)";
    launcher_ref_altitude_m: "m" = 200_000.0; Bounds::closed(100_000.0, 1.0e9);
        "Altitude of the circular orbit the reference payload is quoted for."; "Launcher preset (see presets)";
    launcher_ref_inclination_rad: "rad" = 28.5 * PI / 180.0; Bounds::closed(0.0, PI);
        "Inclination the reference payload is quoted for (due east from the launch site)."; "Launcher preset (see presets)";
    launcher_stage_dry_kg: "kg" = 4_000.0; Bounds::gt(0.0);
        "Dry mass of the upper stage, which is taken to carry the whole extra velocity to the scenario's orbit."; "Launcher preset (see presets)";
    launcher_stage_propellant_kg: "kg" = 107_500.0; Bounds::gt(0.0);
        "Propellant of the upper stage."; "Launcher preset (see presets)";
    launcher_stage_isp_s: "s" = 348.0; Bounds::gt(0.0);
        "Vacuum specific impulse of the upper stage."; "Launcher preset (see presets)";
    max_launches: "1" = 1.0; Bounds::closed(1.0, 1.0e6).int();
        "Launches a design may be split over; 1 rejects any design heavier than one launch."; "User choice";
    insurance_fraction: "1" = 0.06; Bounds::right_open(0.0, 1.0);
        "Launch and first-year insurance as a fraction of the insured value: hardware, integration and launch."; "SCOR via Space Intel Report: Falcon 9 launch premiums 4-5 % of insured value before 2023; Gallagher (Feb 2024): premiums up 115-135 % after the 2023 losses; constellations often self-insure (0); range 0-0.12";
    launch_co2_kg_per_kg: "kg/kg" = 20.5; Bounds::closed(0.0, 1000.0);
        "CO2 emitted by the launch per kg of payload (combustion only)."; "Launcher preset (see presets)";
["cost"]
    bus_cost_usd_per_kg: "USD/kg" = 2000.0; Bounds::ge(0.0);
        "Cost per kg of the bus (avionics, attitude control, propulsion hardware, power management)."; "Whole mass-produced satellites, arrays included: Starlink V1 ~200 k USD / 260 kg = 770, V2 mini ~800 k USD / ~730 kg = 1,100, V3 ~1.2 M USD / ~1,500 kg = 800 USD/kg (Quilty Space as reported in the press); OneWeb ~1 M USD / 150 kg = 6,700 (SpaceNews 2019); range 800-7,000";
    spacecraft_cost_usd_per_w: "USD/W" = 22.0; Bounds::ge(0.0);
        "With spacecraft = \"specific\": cost of everything but the compute payload per W of beginning-of-life array nameplate power."; "McCalip's calculator: Starlink V2 mini bill of materials ~590 k USD / 27 kW = 22 USD/W; Quilty Space as reported: V2 mini ~800 k USD for ~28 kW = 29 USD/W; range 15-30";
    structure_cost_usd_per_kg: "USD/kg" = 1000.0; Bounds::ge(0.0);
        "Cost per kg of primary structure and aluminium shielding."; "est.: machined and honeycomb aluminium structure built in volume, 300-5,000 USD/kg (first units of heritage programmes cost more)";
    integration_fraction: "1" = 0.10; Bounds::ge(0.0);
        "Integration and test as a fraction of hardware cost."; "Iridium NEXT: ~150 M USD of integration and test on a 2.1 B USD contract, 7 % (SpaceNews); SSCM: 13.9 % of the bus; USCM8 recurring: 19.5 %; range 0.05-0.20";
    ops_usd_per_yr: "USD/yr" = 1.0e6; Bounds::ge(0.0);
        "Operations per year: ground segment, licences, staff."; "est.: a small satellite operations team and ground-station time; range 0.5-3 M USD/yr";
    ops_usd_per_rack_yr: "USD/yr" = 30_000.0; Bounds::ge(0.0);
        "Operations per rack per year: data downlink and scheduling."; "est.: optical downlink capacity and scheduling, like the ground's staff and network per rack; range 10-60 k USD/yr";
    ops_fraction_per_yr: "1/yr" = 0.0; Bounds::ge(0.0);
        "Operations per year as a fraction of the hardware cost (the form top-down models use)."; "McCalip's calculator: 1 %/yr of the satellite hardware for operations; 0 here, where operations are costed per year and per rack";
    nre_usd: "USD" = 0.0; Bounds::ge(0.0);
        "Non-recurring engineering charged to this system (design, qualification), paid at the start."; "McCalip's calculator: 1 B USD per GW; 0 here: a design's recurring cost, its development spread over a fleet";
["ground"]
    ground_capex_usd_per_w: "USD/W" = 14.0; Bounds::ge(0.0);
        "Facility capital cost per W of IT load, excluding the IT itself."; "Cushman & Wakefield Data Center Development Cost Guide 2025: 9.3-15 M USD/MW, average 11.7 (construction only); Turner & Townsend 2025: 11.6-15.2 USD/W, AI halls 7-10 % dearer; JLL 2026: 10.7 M USD/MW in 2025; with land and soft costs ~14; Epoch AI implies ~19 USD/W; Turyshev arXiv:2604.27197: 10-40 k USD/kW; range 9.3-25";
    electricity_price_usd_per_kwh: "USD/kWh" = 0.08; Bounds::ge(0.0);
        "Electricity price."; "Ground supply preset (see presets)";
    pue: "1" = 1.2; Bounds::closed(1.0, 10.0);
        "Power usage effectiveness of the ground facility."; "Liquid-cooled hyperscale halls 1.1-1.2; Google fleet 1.09 in 2024 (84 % less overhead than the industry's 1.56); Uptime Institute 2024 survey average 1.56; Suncatcher arXiv:2511.19468 sec. 4.4: 1.09-1.4; range 1.09-1.56";
    ground_maintenance_fraction_per_yr: "1/yr" = 0.03; Bounds::ge(0.0);
        "Facility maintenance per year as a fraction of facility capex."; "est.: mechanical and electrical plant upkeep of 2-5 %/yr of its cost; range 0.02-0.05";
    ground_ops_usd_per_rack_yr: "USD/yr" = 30_000.0; Bounds::ge(0.0);
        "Staff and network per rack per year on the ground."; "est.: site staff and network for a 132 kW rack; range 10-60 k USD/yr";
    ground_failure_rate_per_yr: "1/yr" = 0.09; Bounds::closed(0.0, 100.0);
        "Fraction of the ground's accelerators that fail each year (each is repaired)."; "Meta, The Llama 3 Herd of Models (arXiv:2407.21783, sec. 3.3.4): 268 GPU-attributable interruptions in 54 days on 16,384 H100s = 11 %/GPU-yr, 148 faulty GPUs = 6 %/GPU-yr; McCalip's calculator 9 %/yr; range 0.06-0.17";
    ground_repair_cost_fraction: "1" = 0.5; Bounds::ge(0.0);
        "Cost of a repair as a fraction of the failed accelerator's share of the rack price (so that repairs cost failure rate x fraction x rack price per year)."; "est.: about half of GPU failures need a part swapped (a tray or module at about its share of the rack price), the rest a reset or reseat; range 0.2-1.0";
    ground_availability: "1" = 0.99; Bounds::left_open(0.0, 1.0);
        "Fraction of time ground racks are up (repairs, maintenance)."; "Meta, Llama 3 (arXiv:2407.21783): over 90 % effective training time for one 16k-GPU job; per-accelerator downtime at ~11 %/yr failures and 3-5 day repairs ~0.15 % (est.); range 0.90-0.999";
    ground_facility_life_yr: "yr" = 15.0; Bounds::closed(0.25, 100.0);
        "Economic life of the ground facility (building, power and cooling plant); its residual value at the end of the study is credited, straight-line."; "Epoch AI, AI datacenter cost breakdown (May 2026): 14 years for the facility; SemiAnalysis (June 2026): 15 years for Earth datacentres; hyperscaler 10-K building lives 15-40 years; range 10-25";
    ground_it_refresh_yr: "yr" = 5.0; Bounds::closed(0.25, 100.0);
        "Years between replacements of the ground's racks by new ones of the same kind (IT refresh); the last set's residual value is credited at the end of the study, straight-line."; "Server depreciation lives of 5-6 years in hyperscaler filings (Alphabet, Meta, Microsoft 10-K 2023-2024)";
    ground_co2_kg_per_kwh: "kg/kWh" = 0.37; Bounds::closed(0.0, 5.0);
        "Life-cycle CO2-equivalent emissions per kWh of the ground's electricity supply."; "Ground supply preset (see presets)";
["market"]
    learning_rate: "1" = 0.20; Bounds::right_open(0.0, 1.0);
        "Fraction by which the launch price falls per doubling of cumulative mass launched (Wright's law)."; "Suncatcher arXiv:2511.19468 sec. 2.4 and 4.4: ~20 % per doubling (18-24 % across input choices)";
    learning_p0_usd_per_kg: "USD/kg" = 1800.0; Bounds::gt(0.0);
        "Launch price at the learning curve's starting point."; "Suncatcher arXiv:2511.19468 sec. 4.4: Falcon Heavy's ~1,800 USD/kg at ~400 t cumulative mass launched";
    learning_m0_kg: "kg" = 400_000.0; Bounds::gt(0.0);
        "Cumulative mass launched at the learning curve's starting point."; "Suncatcher arXiv:2511.19468 sec. 4.4: ~400 t at the introduction of Falcon Heavy";
    learning_ref_year: "yr" = 2025.0; Bounds::closed(1950.0, 2200.0);
        "Calendar year (decimal, start of year) at which the cumulative mass launched on the curve equals the starting point."; "Suncatcher arXiv:2511.19468 sec. 4.4 projects from its starting point to ~2035 (paper of Nov 2025)";
    launched_mass_kg_per_yr: "kg/yr" = 2.65e6; Bounds::ge(0.0);
        "Mass launched per year at the reference year."; "est.: with 50 %/yr growth, gives Suncatcher's ~370,000 t of additional cumulative mass (<200 USD/kg) by 2035 (arXiv:2511.19468 sec. 4.4); ~2,600 t/yr is the order of Falcon 9's yearly mass to orbit";
    launched_mass_growth_per_yr: "1/yr" = 0.50; Bounds::closed(-0.9, 10.0);
        "Annual growth rate of the mass launched per year."; "est.: the ramp to Suncatcher's ~180 Starship launches per year on average (arXiv:2511.19468 sec. 4.4)";
    launch_price_floor_usd_per_kg: "USD/kg" = 8.0; Bounds::ge(0.0);
        "Lowest launch price the curve reaches."; "Suncatcher arXiv:2511.19468 sec. 4.4: fuel ~8 USD/kg provides a floor";
    cost_ref_year: "yr" = 2026.0; Bounds::closed(1950.0, 2200.0);
        "Calendar year (decimal, start of year) the scenario's hardware and ground prices are quoted for; the hardware learning curves and ground trends start from it."; "User choice: the defaults are 2025-2026 figures";
    pv_learning_rate: "1" = 0.22; Bounds::right_open(0.0, 1.0);
        "Fraction by which the solar array's price falls per doubling of cumulative photovoltaic production (Wright's law)."; "ITRPV 2024 (as reported by pv magazine, June 2024): 24.9 % for 1976-2023; IEA/EPIA projections 18 % against a 22 % historical average; range 0.18-0.25";
    pv_cumulative_w: "W" = 3.4e12; Bounds::gt(0.0);
        "Cumulative photovoltaic production at the cost reference year."; "IEA-PVPS Snapshot 2025: ~2.2 TW installed by the end of 2024, over 600 GW added in 2024; ~3.4 TW by the start of 2026 (est.)";
    pv_production_w_per_yr: "W/yr" = 6.5e11; Bounds::ge(0.0);
        "Photovoltaic production per year at the cost reference year."; "IEA-PVPS Snapshot 2025: over 600 GW in 2024 (est. 650 GW for 2026)";
    pv_production_growth_per_yr: "1/yr" = 0.10; Bounds::closed(-0.9, 10.0);
        "Annual growth of photovoltaic production."; "est.: 32 % in 2024 after 90 % in 2023 (IEA-PVPS), slowing; range 0-0.25";
    satellite_learning_rate: "1" = 0.10; Bounds::right_open(0.0, 1.0);
        "Fraction by which the price of satellite hardware (bus, structure, radiators, coolant loop; the whole spacecraft when top down) falls per doubling of cumulative satellite mass produced."; "NASA OTPS Space-Based Solar Power (Rodgers et al., 2024) Table 2: manufacturing learning curves of 75-90 % (learning rates 0.10-0.25, Aerospace Corporation estimates); SSCM-based models use 85 %; Starlink's cost per kg barely moved from V1 to V2 mini; range 0.05-0.25";
    satellite_cumulative_kg: "kg" = 5.5e6; Bounds::gt(0.0);
        "Cumulative mass of satellites produced at the cost reference year."; "est.: ~10,000 Starlinks launched by the end of 2025 (SpaceX), ~5,000 at ~0.3 t and ~5,000 at ~0.8 t";
    satellite_production_kg_per_yr: "kg/yr" = 2.9e6; Bounds::ge(0.0);
        "Mass of satellites produced per year at the cost reference year."; "SpaceX (Aug 2025): 70 satellites a week, ~3,640 a year, at ~0.8 t (est.)";
    satellite_production_growth_per_yr: "1/yr" = 0.30; Bounds::closed(-0.9, 10.0);
        "Annual growth of satellite mass produced."; "est.: AI1's announced factory for ~6,700 satellites a year of ~2 t (~14,000 t/yr) against ~2,900 t/yr today; range 0.10-0.60";
    battery_learning_rate: "1" = 0.19; Bounds::right_open(0.0, 1.0);
        "Fraction by which the battery's price falls per doubling of cumulative lithium-ion production."; "BloombergNEF: ~18 %; Ziegler & Trancik, Energy Environ. Sci. 2021: 20 % for all cells; Kittner et al., Nature Energy 2017: 15.5 %; range 0.155-0.24";
    battery_cumulative_wh: "Wh" = 6.5e12; Bounds::gt(0.0);
        "Cumulative lithium-ion production at the cost reference year."; "est.: ~1-1.2 TWh a year in 2023-2024 (BloombergNEF demand figures), ~6.5 TWh in all by the start of 2026";
    battery_production_wh_per_yr: "Wh/yr" = 1.5e12; Bounds::ge(0.0);
        "Lithium-ion production per year at the cost reference year."; "est.: BloombergNEF demand ~1.2 TWh in 2024, growing";
    battery_production_growth_per_yr: "1/yr" = 0.20; Bounds::closed(-0.9, 10.0);
        "Annual growth of lithium-ion production."; "est.: 20-30 %/yr demand growth 2020-2024 (BloombergNEF); range 0.05-0.35";
    electricity_price_trend_per_yr: "1/yr" = 0.0; Bounds::closed(-0.5, 0.5);
        "Real annual change of the ground's electricity price."; "EIA Annual Energy Outlook 2025 reference case: average end-use price from 13.0 to 12.1 cents/kWh (2024 dollars) 2024-2050, -0.3 %/yr; recent data-centre load pushes regional prices up; range -0.01 to +0.02";
    ground_capex_trend_per_yr: "1/yr" = 0.02; Bounds::closed(-0.5, 0.5);
        "Real annual change of the ground facility's capital cost per W."; "JLL 2026 Global Data Center Outlook: 7.7 to 10.7 M USD/MW 2020-2025 (+6.8 %/yr nominal), +6 % forecast for 2026; less ~3-4 % inflation; range -0.01 to +0.04";
["mission"]
    start_year: "yr" = 2028.0; Bounds::closed(1950.0, 2200.0).int();
        "Calendar year the mission starts (sets the Sun's position for the eclipse season)."; "User choice";
    lifetime_yr: "yr" = 5.0; Bounds::left_open(0.0, 100.0);
        "Mission lifetime."; "Suncatcher arXiv:2511.19468: 5 years; SemiAnalysis (June 2026): space datacentre useful life 5 years; accelerators' depreciation lives 5-6 years (hyperscaler filings); range 4-7";
    discount_rate: "1/yr" = 0.08; Bounds::closed(0.0, 1.0);
        "Annual discount rate (weighted cost of capital) for present values, the same for orbit and ground."; "Damodaran, cost of capital by industry (January 2026): Aerospace/Defense 7.6 %; information services ~7.6 %, computer services ~8.7 %, REITs ~6.6 %; a first-of-a-kind space venture carries more risk; range 0.055-0.12";
    radiator_specific_heat_j_kg_k: "J/(kg K)" = 897.0; Bounds::gt(0.0);
        "Specific heat of the radiator panel's material: with radiator_areal_density_kg_m2 it gives the heat capacity per m^2 of one-face area of the mission tier's lumped radiator node (areal density x specific heat)."; "CRC Handbook of Chemistry and Physics, heat capacity of the elements at 25 C: aluminium 0.897 J/(g K); other panel metals from titanium 0.523 to magnesium 1.023 J/(g K)";
    rack_heat_capacity_j_k: "J/K" = 1.6e5; Bounds::ge(0.0);
        "Heat capacity per rack coupled to the coolant loop (cold plates, coolant, boards, chassis), lumped with the radiator node of the mission tier."; "Rack preset (see presets)";
    steps_per_orbit: "1" = 48.0; Bounds::closed(4.0, 10_000.0).int();
        "Time steps of the mission tier's representative orbit each day with an eclipse, split between sunlight and eclipse (an orbit without eclipse has constant inputs and takes one eighth, at least 4)."; "Numerical choice";
}

/// The range of values public sources support for an assumption (its source text gives them);
/// the default is near the middle of it. The default uncertainty and the camps of the debate are
/// built from these ranges. Presets carry their own ranges for the values they set
/// ([`crate::presets::Preset::ranges`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PublicRange {
    pub param: usize,
    pub low: f64,
    pub high: f64,
}

const fn r(param: usize, low: f64, high: f64) -> PublicRange {
    PublicRange { param, low, high }
}

/// Public ranges of the assumptions that are not set by a preset (see each source).
pub const PUBLIC_RANGES: &[PublicRange] = &[
    r(idx::array_inherent_efficiency, 0.85, 0.95),
    r(idx::bus_fixed_w, 1000.0, 10_000.0),
    r(idx::bus_fraction, 0.01, 0.03),
    r(idx::regulation_efficiency, 0.90, 0.98),
    r(idx::distribution_efficiency, 0.90, 0.98),
    r(idx::battery_charge_efficiency, 0.85, 0.98),
    r(idx::battery_discharge_efficiency, 0.85, 0.98),
    r(idx::battery_specific_energy_j_kg, 110.0 * 3600.0, 200.0 * 3600.0),
    r(idx::battery_cost_usd_per_kwh, 300.0, 5000.0),
    r(idx::coolant_loop_dt_k, 5.0, 15.0),
    r(idx::radiator_areal_density_kg_m2, 2.5, 14.2),
    r(idx::radiator_cost_usd_per_m2, 1000.0, 30_000.0),
    r(idx::coolant_loop_kg_per_w, 0.001, 0.010),
    r(idx::coolant_loop_cost_usd_per_w, 0.2, 5.0),
    r(idx::utilisation, 0.35, 0.45),
    r(idx::failure_rate_per_yr, 0.04, 0.17),
    r(idx::radiation_failure_rate_per_yr, 0.0, 0.05),
    r(idx::failure_activation_energy_ev, 0.3, 1.0),
    r(idx::failure_ref_temp_k, 338.15, 358.15),
    r(idx::radiation_derate, 0.0, 0.05),
    r(idx::structure_fraction, 0.08, 0.35),
    r(idx::bus_mass_kg, 150.0, 500.0),
    r(idx::bus_mass_kg_per_w, 0.001, 0.004),
    r(idx::spacecraft_specific_power_w_kg, 20.0, 50.0),
    r(idx::insurance_fraction, 0.0, 0.12),
    r(idx::bus_cost_usd_per_kg, 800.0, 7000.0),
    r(idx::spacecraft_cost_usd_per_w, 15.0, 30.0),
    r(idx::structure_cost_usd_per_kg, 300.0, 5000.0),
    r(idx::integration_fraction, 0.05, 0.20),
    r(idx::ops_usd_per_yr, 0.5e6, 3.0e6),
    r(idx::ops_usd_per_rack_yr, 10_000.0, 60_000.0),
    r(idx::ground_capex_usd_per_w, 9.3, 25.0),
    r(idx::pue, 1.09, 1.56),
    r(idx::ground_maintenance_fraction_per_yr, 0.02, 0.05),
    r(idx::ground_ops_usd_per_rack_yr, 10_000.0, 60_000.0),
    r(idx::ground_failure_rate_per_yr, 0.06, 0.17),
    r(idx::ground_repair_cost_fraction, 0.2, 1.0),
    r(idx::ground_availability, 0.90, 0.999),
    r(idx::ground_facility_life_yr, 10.0, 25.0),
    r(idx::ground_it_refresh_yr, 4.0, 6.0),
    r(idx::learning_rate, 0.10, 0.30),
    r(idx::launched_mass_growth_per_yr, 0.25, 0.55),
    r(idx::pv_learning_rate, 0.18, 0.25),
    r(idx::pv_production_growth_per_yr, 0.0, 0.25),
    r(idx::satellite_learning_rate, 0.05, 0.25),
    r(idx::satellite_production_growth_per_yr, 0.10, 0.60),
    r(idx::battery_learning_rate, 0.155, 0.24),
    r(idx::battery_production_growth_per_yr, 0.05, 0.35),
    r(idx::electricity_price_trend_per_yr, -0.01, 0.02),
    r(idx::ground_capex_trend_per_yr, -0.01, 0.04),
    r(idx::lifetime_yr, 4.0, 7.0),
    r(idx::discount_rate, 0.055, 0.12),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_defaults_are_the_default_scenario() {
        // The default column of the parameter table is the default scenario's value, presets
        // included, so that `orbitflops assumptions` and the docs show one default.
        let s = crate::scenario::Scenario::default();
        for (info, v) in PARAMS.iter().zip(s.params.as_slice()) {
            assert_eq!(info.default, *v, "{}", info.name);
        }
    }

    #[test]
    fn public_ranges_contain_their_defaults_and_are_valid() {
        for pr in PUBLIC_RANGES {
            let info = &PARAMS[pr.param];
            assert!(pr.low <= pr.high, "{}", info.name);
            assert!(info.bounds.contains(pr.low) && info.bounds.contains(pr.high), "{}: range outside the valid bounds", info.name);
            assert!(pr.low <= info.default && info.default <= pr.high, "{}: default {} outside [{}, {}]", info.name, info.default, pr.low, pr.high);
        }
        let mut names: Vec<&str> = PUBLIC_RANGES.iter().map(|r| PARAMS[r.param].name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), PUBLIC_RANGES.len(), "a parameter listed twice");
    }
}
