//! The `standoff` command line, as a journalist or teacher would use it.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn standoff(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_standoff")).args(args).output().expect("runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn run_writes_one_row_per_hour_with_every_documented_column_and_its_baseline() {
    let (code, csv, err) = standoff(&["run", "--scenario", "june-2017", "--days", "3", "--csv", "-"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 1 + 72);
    let head: Vec<&str> = lines[0].split(',').collect();
    assert_eq!(head[0], "time");
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/model.md")).unwrap();
    for col in &head[1..] {
        let plain = col.trim_start_matches("baseline.");
        assert!(head.contains(&format!("baseline.{}", plain).as_str()), "{col} has a baseline copy");
        // every column is documented (per-courier/platform columns by their pattern)
        let pattern = plain
            .split('.')
            .enumerate()
            .map(|(i, p)| {
                if i == 0 {
                    p.to_string()
                } else if ["taobao", "jd"].contains(&p) || (p == "other" && i == 1 && plain.split('.').count() == 3) {
                    "<platform>".into()
                } else if p == "sf_merchants" {
                    p.into()
                } else {
                    "<courier>".into()
                }
            })
            .collect::<Vec<_>>()
            .join(".");
        assert!(
            docs.contains(&format!("`{}`", plain)) || docs.contains(&format!("`{}`", pattern)),
            "{plain} ({pattern}) is not documented in docs/model.md"
        );
    }
    assert!(lines[1].starts_with("2017-05-29T00:00+08:00,"));
}

#[test]
fn cli_cuts_change_the_run_and_the_summary_reports_it() {
    let (code, out, err) = standoff(&[
        "run",
        "--scenario",
        "baseline-2017",
        "--days",
        "4",
        "--cut",
        "track.sf@2017-05-30T09:00",
        "--restore",
        "track.sf@2017-05-31T12:00",
        "--summary",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Cut: SF Express → Cainiao tracking"), "{out}");
    let line = out.lines().find(|l| l.starts_with("Untracked parcels, peak")).unwrap();
    assert!(line.contains('+') && !line.contains("+0.000"), "{line}");
}

#[test]
fn bad_arguments_get_a_clear_message_and_exit_code_2() {
    for (args, needle) in [
        (vec!["run", "--scenario", "june-2018", "--summary"], "unknown scenario 'june-2018'"),
        (vec!["run", "--scenario", "june-2017", "--cut", "track.dhl@2017-06-01T09:00", "--summary"], "unknown courier 'dhl'"),
        (vec!["run", "--scenario", "june-2017", "--cut", "track.sf@2017-06-01T09:30", "--summary"], "whole hours"),
        (vec!["run", "--scenario", "june-2017", "--cut", "track.sf", "--summary"], "should look like"),
        (vec!["run", "--scenario", "june-2017", "--set", "locker_share=3", "--summary"], "allowed 0 to 1"),
        (vec!["run", "--scenario", "june-2017", "--set", "band_share.lt1000=0.9", "--summary"], "must add up to 1"),
        (vec!["run", "--scenario", "june-2017", "--days", "0", "--summary"], "--days"),
        (
            vec!["run", "--scenario", "june-2017", "--set", "headroom.zto=0.6", "--summary"],
            "'headroom.zto' = 0.6 is out of range: allowed 1.1 to 5",
        ),
        (
            vec!["run", "--scenario", "june-2017", "--set", "locker_pickup_h=50", "--summary"],
            "locker_pickup_h = 50 is above locker_pickup_unnotified_h = 40",
        ),
        (vec!["did", "--scenario", "june-2017", "--from", "2017-06-01T18:00"], "needs --from TIME and --to TIME"),
        (vec!["why", "--scenario", "june-2017", "--seeds", "0"], "--seeds 0 is out of range"),
        (
            vec!["run", "--scenario", "june-2017", "--set", "buyers.rival=0.8", "--set", "buyers.defer=0.5", "--summary"],
            "buyers.rival + buyers.defer",
        ),
        (vec!["run", "--scenario", "june-2017", "--cut", "track.sf@2019-01-01T00:00", "--summary"], "outside the run"),
        (vec!["run", "--scenario", "june-2017"], "nothing to do"),
        (vec!["explain", "lockershare"], "unknown parameter"),
        (vec!["fly"], "unknown command"),
    ] {
        let (code, _, err) = standoff(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn list_and_explain_tell_what_exists() {
    let (code, out, _) = standoff(&["list"]);
    assert_eq!(code, 0);
    for id in [
        "baseline-2017",
        "june-2017",
        "hivebox-only",
        "no-mediation",
        "jd-pruning-2017",
        "track.sf",
        "locker.hivebox",
        "list.taobao.sf",
        "direct.jd.sf",
        "display.taobao",
    ] {
        assert!(out.contains(id), "{id}");
    }
    let (code, out, _) = standoff(&["explain", "locker_share"]);
    assert_eq!(code, 0);
    assert!(out.contains("range:") && out.contains("0 to 1") && out.contains("default:  0.085") && out.contains("source:"), "{out}");
}

#[test]
fn the_documentation_tables_match_the_model() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/model.md")).unwrap();
    let (code, params, _) = standoff(&["params"]);
    assert_eq!(code, 0);
    for line in params.lines() {
        assert!(docs.contains(line), "docs/model.md is out of date (run `standoff params`): {line}");
    }
    let (code, calib, _) = standoff(&["calibrate"]);
    assert_eq!(code, 0);
    for line in calib.lines() {
        assert!(docs.contains(line), "docs/model.md is out of date (run `standoff calibrate`): {line}");
    }
}

#[test]
fn no_baseline_gives_the_same_run_and_empty_baseline_columns() {
    let (_, with, _) = standoff(&["run", "--scenario", "june-2017", "--days", "5", "--csv", "-"]);
    let (code, without, err) = standoff(&["run", "--scenario", "june-2017", "--days", "5", "--csv", "-", "--no-baseline"]);
    assert_eq!(code, 0, "{err}");
    let head: Vec<&str> = with.lines().next().unwrap().split(',').collect();
    let first_base = head.iter().position(|h| h.starts_with("baseline.")).unwrap();
    for (a, b) in with.lines().zip(without.lines()).skip(1) {
        let (a, b): (Vec<&str>, Vec<&str>) = (a.split(',').collect(), b.split(',').collect());
        assert_eq!(a[..first_base], b[..first_base], "the run's own columns are identical");
        assert!(b[first_base..].iter().all(|x| x.is_empty()));
    }
}

#[test]
fn why_splits_each_effect_among_mechanism_groups_and_the_parts_add_up() {
    // a short run with fewer agents: 2^11 runs in a debug build
    let args = ["why", "--scenario", "june-2017", "--days", "6", "--set", "merchants=1000", "--csv", "-"];
    let (code, out, err) = standoff(&args);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "effect,mechanism,amount,total,share,amount_lo,amount_hi");
    assert_eq!(lines.len(), 1 + 5 * 11, "one row per effect × mechanism group");
    for effect in ["sf_lasting_loss", "sf_reliant_lost_orders", "rivals_slowdown", "extra_spoilage"] {
        let rows: Vec<Vec<f64>> = lines[1..]
            .iter()
            .filter(|l| l.starts_with(&format!("{effect},")))
            .map(|l| l.split(',').skip(2).map(|x| x.parse().unwrap()).collect())
            .collect();
        let total = rows[0][1];
        let sum: f64 = rows.iter().map(|r| r[0]).sum();
        assert!((sum - total).abs() <= 1e-6 * total.abs().max(1e-3), "{effect}: parts {sum} vs total {total}");
    }
    let part = |effect: &str, m: &str| -> f64 {
        let l = lines.iter().find(|l| l.starts_with(&format!("{effect},{m},"))).unwrap();
        l.split(',').nth(4).unwrap().parse().unwrap()
    };
    assert!(part("sf_reliant_lost_orders", "delisting") > 0.5, "the delisting carries the lost orders");
    assert!(part("rivals_slowdown", "locker_link") > 0.5, "the locker link carries the rivals' slowdown");
}

#[test]
fn panel_has_a_row_per_merchant_and_day_and_books_every_sale() {
    let (code, out, err) = standoff(&["panel", "--scenario", "june-2017", "--days", "7", "--set", "merchants=1000"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "day,merchant,platform,category,group,weight,size,primary,secondary,switched,sales,orders,orders_not_offered,lost_at_once,waiting,returned,from_rivals"
    );
    let agents = lines[1..].iter().map(|l| l.split(',').nth(1).unwrap()).collect::<std::collections::BTreeSet<_>>().len();
    assert!(agents >= 1000);
    assert_eq!(lines.len(), 1 + 7 * agents, "a row per agent and day");
    assert!(lines.iter().any(|l| l.contains(",taobao,") && l.contains(",sf_primary,")), "SF-reliant Taobao merchants exist");
    let col = |l: &str, i: usize| -> f64 { l.split(',').nth(i).unwrap().parse().unwrap() };
    let sum = |i: usize| lines[1..].iter().map(|l| col(l, i)).sum::<f64>();
    assert!(sum(15) > 0.0 && sum(16) > 0.0, "returning buyers and buyers from rivals are booked to merchants");
    // the recorded orders vary from merchant to merchant beyond their size (counts with noise)
    assert!(lines[1..].iter().any(|l| col(l, 11).fract() == 0.0 && col(l, 11) > 0.0));
}

#[test]
fn did_prints_an_estimate_with_its_clustered_standard_error() {
    let (code, out, err) = standoff(&[
        "did",
        "--scenario",
        "june-2017",
        "--days",
        "8",
        "--set",
        "merchants=2000",
        "--from",
        "2017-06-01T18:00",
        "--to",
        "2017-06-03T12:00",
    ]);
    assert_eq!(code, 0, "{err}");
    let num = |key: &str| -> f64 {
        out.lines()
            .find(|l| l.starts_with(key))
            .unwrap()
            .split_whitespace()
            .nth(if key == "std." { 2 } else { 1 })
            .unwrap()
            .parse()
            .unwrap()
    };
    let (est, se) = (num("estimate"), num("std."));
    assert!(est < 0.0 && se > 0.0 && se < est.abs() * 3.0, "{out}");
    assert!(out.contains("clustered by merchant") && out.contains("95 % CI"), "{out}");
}

#[test]
fn a_full_disk_is_an_error_not_a_silent_success() {
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_standoff"))
        .args(["list"])
        .stdout(std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write the output"));
}

#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_is_explained() {
    use std::os::unix::ffi::OsStrExt;
    let out =
        Command::new(env!("CARGO_BIN_EXE_standoff")).arg("run").arg(std::ffi::OsStr::from_bytes(b"--scenario\xff")).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("argument 2 is not valid UTF-8"));
}

#[test]
fn a_huge_or_endless_file_is_refused_without_reading_it_all() {
    let (code, _, err) = standoff(&["run", "--file", "/dev/zero"]);
    assert_eq!(code, 2);
    assert!(err.contains("larger than 1024 KB"), "{err}");
}

#[test]
fn a_bad_value_echoed_from_a_file_is_shortened() {
    let path = std::env::temp_dir().join(format!("standoff-long-{}.json", std::process::id()));
    let id = "x".repeat(100_000);
    std::fs::write(&path, format!(r#"{{"id":"{id}","extends":"{id}","title":{{"en":"a","zh":"b"}},"description":{{"en":"a","zh":"b"}},"start":"2017-06-01T00:00","days":1,"seed":1}}"#)).unwrap();
    let (code, _, err) = standoff(&["run", "--file", path.to_str().unwrap()]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(code, 2);
    assert!(err.contains("characters in all") && err.len() < 2_000, "{} bytes: {}", err.len(), &err[..200.min(err.len())]);
}

#[test]
fn an_ensemble_gives_bit_identical_csv_on_one_thread_and_on_several() {
    let base =
        ["ensemble", "--scenario", "june-2017", "--days", "6", "--set", "merchants=1500", "--runs", "6", "--seeds", "2", "--no-rank"];
    let run = |threads: &str, extra: &[&str]| {
        let mut a: Vec<&str> = base.to_vec();
        a.extend(["--threads", threads, "--csv", "-"]);
        a.extend(extra);
        let (code, out, err) = standoff(&a);
        assert_eq!(code, 0, "{err}");
        (out, err)
    };
    let (one, table) = run("1", &[]);
    let (three, _) = run("3", &[]);
    assert_eq!(one, three);
    let lines: Vec<&str> = one.lines().collect();
    assert_eq!(lines.len(), 1 + 6, "one row per run");
    assert!(lines[0].starts_with("run,seed,") && lines[0].contains(",review_days,") && lines[0].ends_with(",sf_share_pp"), "{}", lines[0]);
    assert!(!lines[0].contains(",merchants,"), "a parameter set by hand is held");
    assert!(table.contains("likely (10 % to 90 %)"), "the table goes to standard error with the CSV on standard output: {table}");
    let (b1, _) = run("1", &["--bands", "--series", "shipped.sf,lost_orders"]);
    let (b2, _) = run("2", &["--bands", "--series", "shipped.sf,lost_orders"]);
    assert_eq!(b1, b2);
    let lines: Vec<&str> = b1.lines().collect();
    assert_eq!(lines.len(), 1 + 6 * 24, "one row per hour");
    assert!(lines[0].starts_with("time,shipped.sf.q10,shipped.sf.q50,shipped.sf.q90,baseline.shipped.sf.q10"), "{}", lines[0]);
    // another design seed, other numbers
    let (other, _) = run("1", &["--design-seed", "2"]);
    assert_ne!(one, other);
}

#[test]
fn ensemble_sweep_and_compare_print_what_a_reader_needs() {
    let (code, out, err) = standoff(&[
        "sweep",
        "--scenario",
        "june-2017",
        "--days",
        "6",
        "--set",
        "merchants=1500",
        "--vary",
        "review_days=10:30:3",
        "--csv",
        "-",
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with("review_days,sf_lasting_loss,"), "{}", lines[0]);
    assert!(lines[2].starts_with("20,"), "{}", lines[2]);
    // each point is the mean over the seeds, inside its own 10–90 % interval
    let head: Vec<&str> = lines[0].split(',').collect();
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap_or_else(|| panic!("no column {name}: {}", lines[0]));
    for ef in ["sf_lasting_loss", "sf_reliant_lost_orders", "sf_share_pp"] {
        let (v, lo, hi) = (col(ef), col(&format!("{ef}.p10")), col(&format!("{ef}.p90")));
        for row in &lines[1..] {
            let x: Vec<f64> = row.split(',').map(|c| c.parse().unwrap()).collect();
            assert!(x[lo] <= x[v] && x[v] <= x[hi], "{ef}: {row}");
        }
    }
    // --seeds K: one seed has no interval (p10 = p90 = the point)
    let (code, one, err) = standoff(&[
        "sweep",
        "--scenario",
        "june-2017",
        "--days",
        "6",
        "--set",
        "merchants=1500",
        "--vary",
        "review_days=10:30:3",
        "--seeds",
        "1",
        "--csv",
        "-",
    ]);
    assert_eq!(code, 0, "{err}");
    let row: Vec<&str> = one.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(
        (row[col("sf_lasting_loss")], row[col("sf_lasting_loss")]),
        (row[col("sf_lasting_loss.p10")], row[col("sf_lasting_loss.p90")])
    );
    let (code, out, err) = standoff(&[
        "compare",
        "--scenario",
        "no-mediation",
        "--days",
        "6",
        "--set",
        "merchants=1500",
        "--a",
        "mediation_after_h=42",
        "--b",
        "mediation_after_h=480",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("A: mediation_after_h=42") && out.contains("SF's lasting loss"), "{out}");
    assert!(out.contains("8 seeds") && out.contains("beyond the noise"), "{out}");
    // the CSV: A, B and the paired B − A with their intervals, and whether they differ beyond the noise
    let (code, csv, err) = standoff(&[
        "compare",
        "--scenario",
        "no-mediation",
        "--days",
        "6",
        "--set",
        "merchants=1500",
        "--a",
        "mediation_after_h=42",
        "--b",
        "mediation_after_h=480",
        "--seeds",
        "4",
        "--csv",
        "-",
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "effect,unit,a,b,b_minus_a,a.p10,a.p90,b.p10,b.p90,b_minus_a.p10,b_minus_a.p90,beyond_noise");
    for row in &lines[1..] {
        let f: Vec<&str> = row.split(',').collect();
        let x = |i: usize| f[i].parse::<f64>().unwrap();
        assert!(x(5) <= x(2) && x(2) <= x(6) && x(7) <= x(3) && x(3) <= x(8) && x(9) <= x(4) && x(4) <= x(10), "{row}");
        let verdict = if x(9) > 0.0 {
            "larger"
        } else if x(10) < 0.0 {
            "smaller"
        } else {
            "within"
        };
        assert_eq!(f[11], verdict, "{row}");
    }
    let (code, out, err) =
        standoff(&["ensemble", "--scenario", "june-2017", "--days", "4", "--set", "merchants=1500", "--runs", "4", "--seeds", "1"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Which assumption matters most for: SF's lasting loss") && out.contains("rank"), "{out}");
}

#[test]
fn experiments_refuse_bad_input_with_exit_code_2() {
    for (args, needle) in [
        (vec!["ensemble", "--scenario", "june-2017", "--runs", "0"], "at least one run"),
        (vec!["ensemble", "--scenario", "june-2017", "--runs", "10", "--seeds", "4"], "not a multiple"),
        (vec!["ensemble", "--scenario", "june-2017", "--threads", "0"], "--threads 0"),
        (vec!["ensemble", "--scenario", "june-2017", "--effect", "happiness"], "unknown effect 'happiness'"),
        (vec!["ensemble", "--scenario", "june-2017", "--pin", "colour"], "cannot pin 'colour'"),
        (vec!["sweep", "--scenario", "june-2017", "--vary", "review_days=0:90:5"], "documented range 1 to 365"),
        (vec!["sweep", "--scenario", "june-2017", "--vary", "review_days"], "NAME=LO:HI:STEPS"),
        (vec!["sweep", "--scenario", "june-2017"], "--vary"),
        (vec!["compare", "--scenario", "june-2017", "--a", "mediation_after_h=42", "--b", "mediation_after_h=4800"], "side B"),
        (vec!["compare", "--scenario", "june-2017", "--a", "buyers.rival=0.9"], "side A"),
    ] {
        let (code, out, err) = standoff(&args);
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn an_experiment_that_cannot_write_its_csv_says_so_and_exits_1() {
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    let (code, _, err) = standoff(&[
        "sweep",
        "--scenario",
        "june-2017",
        "--days",
        "2",
        "--set",
        "merchants=1000",
        "--vary",
        "review_days=10:20:2",
        "--csv",
        "/dev/full",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("cannot write /dev/full"), "{err}");
}

#[test]
fn option_errors_name_the_option_and_say_why_briefly() {
    let long = "9".repeat(5000);
    for (args, needles) in [
        // unknown options, in every layer of options
        (vec!["run", "--scenario", "june-2017", "--bogus"], vec!["unknown option '--bogus'"]),
        (vec!["why", "--scenario", "june-2017", "--bogus=3"], vec!["unknown option '--bogus=3'"]),
        (vec!["ensemble", "--scenario", "june-2017", "-x"], vec!["unknown option '-x'"]),
        (vec!["panel", "--scenario", "june-2017", "stray"], vec!["unknown option 'stray'"]),
        (vec!["digest", "--", "--summary"], vec!["unknown option '--'"]),
        (vec!["bench", "--fast"], vec!["bench takes", "'--fast'"]),
        // missing values
        (vec!["run", "--scenario", "june-2017", "--seed"], vec!["--seed needs a value"]),
        (vec!["run", "--scenario"], vec!["--scenario needs a value"]),
        (vec!["ensemble", "--scenario", "june-2017", "--runs"], vec!["--runs needs a value"]),
        (vec!["why", "--scenario", "june-2017", "--threads"], vec!["--threads needs a value"]),
        (vec!["panel", "--scenario", "june-2017", "--typical-orders"], vec!["--typical-orders needs a value"]),
        (vec!["bench", "--reps"], vec!["--reps needs a value"]),
        // bad numbers
        (vec!["run", "--scenario", "june-2017", "--seed", "-12", "--summary"], vec!["--seed", "'-12'"]),
        (vec!["run", "--scenario", "june-2017", "--days", "x", "--summary"], vec!["--days", "'x'"]),
        (vec!["ensemble", "--scenario", "june-2017", "--runs", "abc"], vec!["--runs", "'abc'"]),
        (vec!["sweep", "--scenario", "june-2017", "--design-seed=-1"], vec!["--design-seed", "'-1'"]),
        (vec!["why", "--scenario", "june-2017", "--seeds", "many"], vec!["--seeds", "'many'"]),
        (vec!["panel", "--scenario", "june-2017", "--dispersion", "lots"], vec!["--dispersion", "'lots'"]),
        (vec!["bench", "--reps", "x"], vec!["--reps", "'x'"]),
        (vec!["run", "--scenario", "june-2017", "--seed", &long, "--summary"], vec!["--seed", "characters in all"]),
        // a flag given a value
        (vec!["run", "--scenario", "june-2017", "--summary=yes"], vec!["--summary takes no value"]),
        // a long value echoed back by the model is shortened too
        (vec!["run", "--scenario", "june-2017", "--cut", &format!("track.sf@{long}"), "--summary"], vec!["characters in all"]),
        (vec!["run", "--scenario", "june-2017", "--set", &format!("{long}=1"), "--summary"], vec!["characters in all"]),
    ] {
        let (code, out, err) = standoff(&args);
        assert_eq!(code, 2, "{args:?}: {out}");
        for needle in needles {
            assert!(err.contains(needle), "{args:?}: {err}");
        }
        assert!(err.chars().count() <= 400, "{args:?}: {} characters", err.chars().count());
    }
}

#[test]
fn each_command_explains_itself_with_help() {
    for (cmd, needles) in [
        ("run", vec!["standoff run --scenario ID", "--no-baseline"]),
        ("ensemble", vec!["standoff ensemble --scenario ID", "--design-seed N", "--pin NAME"]),
        ("why", vec!["standoff why --scenario ID", "--set NAME=VALUE"]),
        ("explain", vec!["standoff explain PARAM"]),
        ("bench", vec!["standoff bench [replay]"]),
    ] {
        for flag in ["--help", "-h"] {
            let (code, out, err) = standoff(&[cmd, flag]);
            assert_eq!(code, 0, "{cmd} {flag}: {err}");
            assert!(out.starts_with("USAGE\n"), "{cmd} {flag}: {out}");
            for needle in &needles {
                assert!(out.contains(needle), "{cmd} {flag}: {out}");
            }
            assert!(!out.contains("standoff list "), "only the command's own usage: {out}");
        }
    }
    let (code, full, _) = standoff(&["help"]);
    assert_eq!(code, 0);
    assert!(full.contains("standoff list") && full.contains("EXPERIMENT OPTIONS"), "{full}");
}

/// A link as the page writes it, and the digest of the run the page shows (`Run::digest`).
fn page_link_and_digest() -> (String, String) {
    use parcel_standoff::model::ids::LinkId;
    use parcel_standoff::ui::address::PageOptions;
    use parcel_standoff::ui::session::{Action, Session};
    use parcel_standoff::ui::state::AppState;
    let link = "scenario=june-2017&t=2017-06-01T12:00&p.locker_share=0.2&lang=zh";
    let (st, notes) = AppState::read_link(link);
    let mut s = Session::new(st, notes, &PageOptions::parse("", link), false);
    // a reader cuts a link now, moves on and comes back an hour
    s.reduce(Action::ToggleLink(LinkId::parse("direct.jd.sf").unwrap()));
    s.reduce(Action::SeekHour(24 * 4));
    s.reduce(Action::Previous);
    (format!("https://example.org/standoff/index.html#{}", s.snapshot().to_link()), format!("{:016x}", s.run().digest()))
}

#[test]
fn cite_gives_text_and_bibtex_in_each_language_and_its_digest_verifies() {
    let (link, digest) = page_link_and_digest();
    let (code, en, err) = standoff(&["cite", &link, "--date", "2026-03-14"]);
    assert_eq!(code, 0, "{err}");
    for part in
        ["Parcel Standoff — June 2017", "model version 1", "2017-06-01 23:00", link.as_str(), "accessed 2026-03-14", digest.as_str()]
    {
        assert!(en.contains(part), "{part} missing from {en}");
    }
    let (_, zh, _) = standoff(&["cite", &link, "--lang", "zh", "--date", "2026-03-14"]);
    assert!(zh.contains("模型版本 1") && zh.contains("访问日期：2026-03-14") && zh.contains(&digest), "{zh}");
    let (code, bib, err) = standoff(&["cite", &link, "--bibtex", "--date", "2026-03-14"]);
    assert_eq!(code, 0, "{err}");
    assert!(bib.starts_with("@misc{parcel-standoff-june-2017-") && bib.contains(&format!("url = {{{link}}}")), "{bib}");
    assert!(bib.contains(&digest) && bib.contains("urldate = {2026-03-14}"), "{bib}");
    let (_, bib_zh, _) = standoff(&["cite", &link, "--bibtex", "--lang", "zh"]);
    assert!(bib_zh.contains("title = {{快递数据之争"), "{bib_zh}");
    // the page's own digest is the one the command line recomputes
    let (code, out, err) = standoff(&["verify", &link, &digest]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("verified: the run to the link's time"), "{out}");
}

#[test]
fn the_pages_citation_is_the_command_lines_word_for_word() {
    use parcel_standoff::present::i18n::Lang;
    let (link, digest) = page_link_and_digest();
    for lang in Lang::ALL {
        // what the workers' module answers the page's Cite: digest, text, BibTeX
        let page = parcel_standoff::ui::cite::for_page(&link, lang, "2026-03-14");
        let f: Vec<&str> = page.split('\t').collect();
        assert_eq!(f.len(), 3, "{page}");
        assert_eq!(f[0], digest, "the page's digest is the run's");
        let (_, text, _) = standoff(&["cite", &link, "--lang", lang.code(), "--date", "2026-03-14"]);
        let (_, bib, _) = standoff(&["cite", &link, "--lang", lang.code(), "--date", "2026-03-14", "--bibtex"]);
        assert_eq!(format!("{}\n", f[1]), text);
        assert_eq!(f[2], bib);
    }
    let refused = parcel_standoff::ui::cite::for_page("https://example.org/#scenario=june-2017&zzz=1", Lang::En, "2026-03-14");
    assert!(refused.starts_with('!') && refused.contains("zzz") && refused.len() <= 400, "{refused}");
}

#[test]
fn verify_fails_a_tampered_digest_or_link_and_refuses_a_malformed_one() {
    let (link, digest) = page_link_and_digest();
    // one hexadecimal digit changed
    let last = digest.chars().last().unwrap();
    let tampered = format!("{}{}", &digest[..15], if last == '0' { '1' } else { '0' });
    let (code, out, err) = standoff(&["verify", &link, &tampered]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("not verified") && err.contains(&digest) && err.len() <= 400, "{err}");
    // the link changed (a parameter nudged): the digest no longer holds
    let (code, _, err) = standoff(&["verify", &link.replace("p.locker_share=0.2", "p.locker_share=0.21"), &digest]);
    assert_eq!(code, 1, "{err}");
    // malformed: a link naming no state, an unknown part, a digest that is not one; each briefly
    let long = format!("{link}&{}", "junk=1&".repeat(300));
    for args in [
        vec!["verify", "https://example.org/standoff/", digest.as_str()],
        vec!["verify", long.as_str(), digest.as_str()],
        vec!["verify", link.as_str(), "12345"],
        vec!["verify", link.as_str()],
        vec!["cite", "https://example.org/#scenario=nope&t=2017-06-01T00:00"],
        vec!["cite", link.as_str(), "--date", "yesterday"],
    ] {
        let (code, out, err) = standoff(&args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(!err.is_empty() && err.chars().count() <= 400, "{args:?}: {} chars: {err}", err.chars().count());
        assert!(out.is_empty(), "{args:?}: {out}");
    }
}

/// The files of a zip (read through its central directory; DEFLATE or stored), as text.
fn unzip(b: &[u8]) -> Vec<(String, String)> {
    use std::io::Read;
    let u16_at = |i: usize| u16::from_le_bytes([b[i], b[i + 1]]) as usize;
    let u32_at = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
    let end = (0..b.len() - 21).rev().find(|&i| u32_at(i) == 0x0605_4b50).expect("an end record");
    let mut at = u32_at(end + 16);
    let mut files = Vec::new();
    for _ in 0..u16_at(end + 10) {
        let (method, csize, n, off) = (u16_at(at + 10), u32_at(at + 20), u16_at(at + 28), u32_at(at + 42));
        let name = String::from_utf8(b[at + 46..at + 46 + n].to_vec()).unwrap();
        let start = off + 30 + u16_at(off + 26) + u16_at(off + 28);
        let raw = &b[start..start + csize];
        let mut text = String::new();
        match method {
            8 => flate2::read::DeflateDecoder::new(raw).read_to_string(&mut text).map(|_| ()).unwrap(),
            _ => text = String::from_utf8(raw.to_vec()).unwrap(),
        }
        files.push((name, text));
        at += 46 + n + u16_at(at + 30) + u16_at(at + 32);
    }
    files
}

#[test]
fn a_bundle_holds_the_runs_csv_its_metadata_and_a_readme_and_its_link_verifies() {
    let dir = std::env::temp_dir().join(format!("standoff-bundle-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("june.zip");
    let path = path.to_str().unwrap();
    let set = ["--scenario", "june-2017", "--set", "locker_share=0.2", "--cut", "direct.jd.sf@2017-06-01T09:00"];
    let (code, _, err) = standoff(&[&["run"][..], &set, &["--bundle", path]].concat());
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("wrote") && err.contains("312 rows"), "{err}");
    let bytes = std::fs::read(path).unwrap();
    let files = unzip(&bytes);
    let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(names, ["run.csv", "metadata.json", "README.txt"]);
    // the CSV is the one `--csv` writes
    let (_, csv, _) = standoff(&[&["run"][..], &set, &["--csv", "-"]].concat());
    assert!(files[0].1 == csv, "run.csv differs from run --csv");
    assert!(bytes.len() * 2 < csv.len(), "compressed: {} bytes for a {} byte CSV", bytes.len(), csv.len());
    let meta: serde_json::Value = serde_json::from_str(&files[1].1).unwrap();
    assert_eq!(meta["model_version"], "1");
    assert_eq!(meta["parameters_changed"], serde_json::json!([{ "parameter": "locker_share", "value": 0.2, "default": 0.085 }]));
    assert_eq!(meta["cuts_and_restores"][0]["link"], "direct.jd.sf");
    let sources = meta["sources"].as_array().unwrap();
    assert!(sources.len() > 50 && sources.iter().all(|s| !s["source"].as_str().unwrap().is_empty()), "every parameter has its source");
    // the digest is the run's (standoff digest), and the link opens and verifies the same run
    let (_, digest, _) = standoff(&[&["digest"][..], &set].concat());
    assert_eq!(meta["digest"], digest.trim());
    let link = format!("index.html#{}", meta["link"].as_str().unwrap());
    let (code, out, err) = standoff(&["verify", &link, digest.trim()]);
    assert_eq!(code, 0, "{out}{err}");
    let readme = &files[2].1;
    assert!(readme.contains(digest.trim()) && readme.contains("run.csv") && readme.contains("standoff verify"), "{readme}");
    // the same run gives the same file
    standoff(&[&["run"][..], &set, &["--bundle", path]].concat());
    assert!(std::fs::read(path).unwrap() == bytes, "the bundle is reproducible");
    // a run no link can open says why
    let (code, _, err) = standoff(&["run", "--scenario", "june-2017", "--days", "3", "--bundle", path]);
    assert_eq!(code, 0, "{err}");
    let meta: serde_json::Value = serde_json::from_str(&unzip(&std::fs::read(path).unwrap())[1].1).unwrap();
    assert!(meta["link"].is_null() && meta["link_note"].as_str().unwrap().contains("3 days"), "{meta}");
    // refused: without the baseline (exit 2); a path that cannot be written (exit 1)
    let (code, _, err) = standoff(&["run", "--scenario", "june-2017", "--no-baseline", "--bundle", path]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = standoff(&["run", "--scenario", "june-2017", "--days", "1", "--bundle", "/nonexistent-dir/x.zip"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("cannot write") && err.len() <= 400, "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs `standoff ARGS` with its standard output closed (`>&-`); (exit code, standard error).
#[cfg(unix)]
fn with_stdout_closed(args: &[&str]) -> (i32, String) {
    let out =
        Command::new("sh").arg("-c").arg("exec \"$0\" \"$@\" >&-").arg(env!("CARGO_BIN_EXE_standoff")).args(args).output().expect("runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into())
}

#[cfg(unix)]
#[test]
fn output_that_cannot_be_written_is_an_error_whatever_the_output() {
    // standard output closed: nothing can be written, and the exit code says so
    for args in [&["list"][..], &["explain", "switch_cost"], &["run", "--scenario", "june-2017", "--days", "1", "--summary"], &["help"]] {
        let (code, err) = with_stdout_closed(args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains("standard output is closed"), "{args:?}: {err}");
    }
    // a CSV file that cannot be written: exit 1 (the arguments were fine), a short message
    let dir = std::env::temp_dir().join(format!("standoff-no-such-folder-{}", std::process::id()));
    let path = dir.join("out.csv");
    let path = path.to_str().unwrap();
    for args in [
        &["run", "--scenario", "june-2017", "--days", "1", "--csv", path][..],
        &["panel", "--scenario", "june-2017", "--days", "1", "--set", "merchants=1000", "--csv", path],
    ] {
        let (code, _, err) = standoff(args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains("cannot write") && err.chars().count() <= 400, "{args:?}: {err}");
    }
    assert!(!dir.exists());
}
