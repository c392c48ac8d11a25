//! Print the evaluation of the default scenario's design.
use orbitflops_core::{evaluate, Scenario, OUTPUTS};
fn main() {
    let s = Scenario::default();
    let out = evaluate(&s, &s.design).expect("default scenario is valid");
    for (info, v) in OUTPUTS.iter().zip(out.as_slice()) {
        println!("{:<32} {:>14.6e} {}", info.name, v, info.unit);
    }
    let pr = orbitflops_core::Prepared::new(&s).unwrap();
    println!("{:?}", orbitflops_core::size(&pr, 4.0, 0.0, None));
    println!("conditions {:?}", pr.orbit.conditions);
}
