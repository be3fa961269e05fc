use parcel_standoff::model::run::{Run, RunSpec};
use parcel_standoff::model::scenario;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut spec = RunSpec::new(scenario::builtin(&args[1]).unwrap());
    spec.scenario.days = args[2].parse().unwrap();
    for kv in &args[3..] {
        let (k, v) = kv.split_once('=').unwrap();
        spec.set_param(k, v.parse().unwrap()).unwrap();
    }
    let r = Run::complete_without_baseline(spec);
    let m = &r.live.merchants;
    let (mut n, mut watch, mut pos, mut pend, mut disp) = (0, 0, 0, 0, 0);
    let mut gaps = vec![];
    for i in 0..m.len() {
        if m.is_reliant(i) && m.primary[i] != 0 {
            n += 1;
            if m.watching[i] {
                watch += 1;
            }
            if m.displaced_from[i] == 0 {
                disp += 1;
            }
            if m.pending[i] != 9 {
                pend += 1;
            }
            let g = m.taste(i, 0) - m.taste(i, m.primary[i] as usize);
            if g > 0.3 {
                pos += 1;
            }
            gaps.push(g);
        }
    }
    gaps.sort_by(|a, b| a.total_cmp(b));
    println!(
        "away {n} watching {watch} displaced-from-sf {disp} pending {pend} gap>0.3 {pos}; gap quantiles {:?}",
        [0.1, 0.5, 0.9].map(|q| gaps.get((q * gaps.len() as f64) as usize).copied())
    );
}
