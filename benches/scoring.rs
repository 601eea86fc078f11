//! `cargo bench`: how long jixiao takes to load, score and lay out the shipped example, and a
//! synthetic department forty times its size. A plain bench binary (no timed tests): it prints
//! the median of repeated runs.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use jixiao::input::Encoding;
use jixiao::{actuals, scoring, sheets, targets};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn bench(name: &str, repeats: usize, mut f: impl FnMut()) {
    f(); // warm up
    let runs: Vec<Duration> = (0..repeats)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    println!(
        "{name:<48} median {:>10.3?} over {repeats} runs",
        median(runs)
    );
}

/// A synthetic department of `tables` tables, each with eight indicators of the seed's shapes,
/// and its actuals.
fn synthetic(tables: usize) -> (String, String) {
    const INDICATORS: [(&str, &str, &str, &str); 8] = [
        (
            "产出指标",
            "办理案件数量",
            "≥ 1800 起",
            "达到目标值得满分，每减少总量10%，扣20%权重分。",
        ),
        (
            "产出指标",
            "重大节点安保次数",
            "≥ 4 次",
            "达到目标值得满分，每减少1次扣50%权重分。",
        ),
        (
            "产出指标",
            "案件投诉率",
            "≤ 5 %",
            "达到目标值得满分，每增加1%，扣20%权重分。",
        ),
        (
            "产出指标",
            "支付及时性",
            "及时",
            "及时支付得满分，否则不得分。",
        ),
        ("产出指标", "总成本", "≤63万元", ""),
        (
            "效益指标",
            "社会治安秩序安全稳定",
            "安全稳定",
            "发生严重威胁社会治安秩序的事件不得分。",
        ),
        ("效益指标", "可持续影响", "提高", ""),
        (
            "满意度指标",
            "群众满意度",
            "≥ 95 %",
            "≥90%,计5分;80%(含)-90%,计4分;低于80%不得分",
        ),
    ];
    const ACTUALS: [&str; 8] = [
        "1500起",
        "3次",
        "7.5%",
        "部分达成",
        "66.15万元",
        "未发生",
        "部分达成 75%",
        "85%",
    ];
    let mut t = String::from("department = \"合成部门\"\nyear = 2023\n");
    let mut a =
        String::from("表,三级指标,实际完成值,全年预算数,全年执行数,偏差原因分析及改进措施\n");
    for k in 0..tables {
        t.push_str(&format!("[[table]]\nname = \"项目{k}\"\n"));
        for (n, (level1, name, target, rule)) in INDICATORS.iter().enumerate() {
            t.push_str(&format!("[[table.indicator]]\nlevel1 = \"{level1}\"\nlevel2 = \"x\"\nname = \"{name}\"\ntarget = \"{target}\"\n"));
            if !rule.is_empty() {
                t.push_str(&format!("rule = \"{rule}\"\n"));
            }
            a.push_str(&format!("项目{k},{name},{},,,原因\n", ACTUALS[n]));
        }
        a.push_str(&format!("项目{k},预算执行率,,63,60.5,\n"));
    }
    (t, a)
}

fn main() {
    let t = targets::load(Path::new("targets/anci-2023.toml")).unwrap();
    let a = actuals::load(Path::new("actuals/anci-2023.csv"), &t, Encoding::Auto).unwrap();
    bench("load targets (24 tables, 184 indicators)", 50, || {
        black_box(targets::load(Path::new("targets/anci-2023.toml")).unwrap());
    });
    bench("load actuals", 50, || {
        black_box(actuals::load(Path::new("actuals/anci-2023.csv"), &t, Encoding::Auto).unwrap());
    });
    bench("score + lay out both sheets", 50, || {
        let r = scoring::score(&t, &a).unwrap();
        black_box(sheets::score_rows(&r));
        black_box(sheets::summary_rows(&r));
    });
    bench("parse all 20 rule texts of the seed", 50, || {
        for table in &t.tables {
            for i in &table.indicators {
                if let Some(text) = &i.rule_text {
                    black_box(jixiao::rules::parse(text).unwrap());
                }
            }
        }
    });

    let (big_t, big_a) = synthetic(1000);
    let bt = targets::parse(Path::new("big.toml"), &big_t).expect("synthetic targets");
    actuals::parse(Path::new("big.csv"), &big_a, &bt).expect("synthetic actuals");
    let n: usize = bt.tables.iter().map(|t| t.indicators.len()).sum();
    bench(
        &format!("whole job, {} tables / {n} indicators", bt.tables.len()),
        10,
        || {
            let t = targets::parse(Path::new("big.toml"), &big_t).unwrap();
            let a = actuals::parse(Path::new("big.csv"), &big_a, &t).unwrap();
            let r = scoring::score(&t, &a).unwrap();
            black_box(jixiao::output::csv_bytes(&sheets::score_rows(&r)));
        },
    );
}
