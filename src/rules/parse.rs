//! Reading a rule text (评(扣)分标准) clause by clause.
//!
//! The text is normalised (half-width, no spaces, `(含)` marks kept), split into clauses at
//! `，,；;。`, and each clause is recognised as one of a few clause kinds: a full-marks condition,
//! `否则不得分`, a veto event, a step (`每减少1次`), a deduction (`扣20%权重分`), a band
//! (`80%(含)-90%,计4分`), a bonus (`超额完成1个百分点加0.3分`) … The kinds are then assembled into
//! one [`Rule`]. A clause no kind recognises is an error naming the clause and its position.

use regex::{Captures, Regex};
use rust_decimal::Decimal;
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use super::{
    Band, Bands, Base, Bonus, Bound, Counting, LevelAward, Measure, Points, Rule, Side, Size, Step,
};
use crate::quantity::{plain, Direction};
use crate::text::{char_pos, chinese_digit, compact, to_half_width};

/// A parsed rule with what the parser noticed about its wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedRule {
    pub rule: Rule,
    /// The direction the rule's words imply (`每减少` → positive, `每增加` → reverse,
    /// `达到或超过目标` → positive), if any.
    pub direction: Option<Direction>,
    /// The clauses that make the deduction, joined, for explanations (`每减少总量10%扣20%权重分`).
    pub step_text: String,
    /// Every clause with what it was read as, for `jixiao explain`.
    pub clauses: Vec<ClauseNote>,
    /// Oddities of the wording: a repeated fragment, bands with gaps …
    pub lints: Vec<String>,
    /// A baseline written as a number (`以90%为基准`): it must be the target itself, which
    /// loading the targets checks.
    pub baseline: Option<Decimal>,
    /// The score is written as actual ÷ target × weight (`(实际值/目标值)×分值`): read so only on
    /// a positive indicator; loading the targets refuses it on a reverse one.
    pub ratio_formula: bool,
}

/// One clause of a rule text and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClauseNote {
    /// 1-based character position in the original text.
    pub position: usize,
    pub text: String,
    /// What it became, in Chinese.
    pub meaning: String,
}

/// A rule text that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// The clause not understood.
    pub fragment: String,
    /// Its 1-based character position in the rule text.
    pub position: usize,
    pub message: String,
    /// The known shapes closest to the fragment.
    pub closest: Vec<&'static str>,
}

impl RuleError {
    /// What would have been accepted, for the message's 应为 line.
    pub fn expected(&self) -> String {
        if !self.closest.is_empty() {
            return format!("已知的写法，最接近的: {}", self.closest.join(" | "));
        }
        if self
            .fragment
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.')
            && !self.fragment.is_empty()
        {
            return "绝对值不超过 1万亿 的数".into();
        }
        "用规则表 [table.indicator.rule] 写明计分方法".into()
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.fragment.is_empty() {
            return write!(f, "{}", self.message);
        }
        write!(
            f,
            "{}: 第{}字起「{}」",
            self.message, self.position, self.fragment
        )
    }
}

/// Example wordings of every shape the parser knows, for error messages.
pub const SHAPES: &[&str] = &[
    "达到目标值得满分，否则不得分",
    "发生…事件不得分",
    "每减少1次扣50%权重分",
    "每减少总量10%，扣20%权重分",
    "每增加1%，扣20%权重分",
    "每超过一个百分点扣0.5分,扣完为止",
    "每降低10%，按比例扣减权重分的10%",
    "每1%扣2分，不满1%按1%计算",
    "每出现一例不符合要求的扣1分",
    "按完成比例计分",
    "≥90%,计5分;80%(含)-90%,计4分;低于60%不得分",
    "小于或等于年度目标值,得10分;大于目标值,不得分",
    "超额完成1个百分点加0.3分，加分不超过3分",
    "按实际完成比例得分，最高不超过满分",
    "每减少1次扣2分，扣满4分为止",
    "100%得满分，95%-100%得8分，95%以下不得分",
    "低于90%不得分",
    "90%≤完成率<95%得8分",
    "完成率在90%（含）至95%之间得3分",
    "80%-95%得分值的一半",
    "优秀得10分，良好得8分，合格得6分，不合格不得分",
    "每降低1个百分点扣0.5分，低于80%不得分",
    "偏差在3%以内不扣分，超过3%的部分每1%扣1分",
    "低于目标值每1%扣2分，高于目标值每1%扣1分",
    "每相差5%扣2分",
    "以90%为基准，每降低1个百分点扣1分",
    "每发生一起扣1分",
    "发生一起扣全部分",
];

/// A comparison in a condition (`大于或等于年度目标值`) or a band bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmp {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
}

#[derive(Debug, Clone, PartialEq)]
enum Clause {
    /// `达到目标值得满分`, `得权重分的100%`.
    FullMarks(Option<Direction>),
    /// A condition on the target (`达到年度目标值`, `大于目标值`): good or bad by what follows.
    Condition(Option<Cmp>),
    /// `得6分`, `计5分`, `得80%权重分`.
    Award(Points),
    /// `不得分`, `否则不得分`, `得0分`.
    Zero,
    /// `发生…不得分`.
    Veto,
    /// `发生…` (its `不得分` follows).
    Event,
    Step {
        side: Side,
        size: Size,
        deduct: Option<Points>,
        proportional: bool,
        /// `超过3%的部分每1%扣1分`: the step counts only beyond this.
        beyond: Option<Decimal>,
    },
    Deduct {
        deduct: Points,
        proportional: bool,
    },
    /// `扣完为止`.
    Floor,
    /// `不满1%按1%计算`.
    RoundUp,
    /// `按比例`.
    ProportionalSteps,
    /// `按完成比例计分`; `ratio`: written as actual ÷ target (`实际值/目标值×分值`).
    ProportionalRule {
        ratio: bool,
    },
    /// A fragment that repeats what came before it.
    Repeat,
    /// A band condition (`≥90%`, `80%(含)-90%`) without its award.
    Range(Range),
    /// A band condition with its award (`低于60%不得分`, `≥90%计5分`).
    Band(Range, Points),
    Bonus {
        size: Size,
        add: Decimal,
    },
    BonusCap(Decimal),
    /// `最高不超过满分`, `满分为止`: the score never exceeds the weight (it never does).
    Cap,
    /// `满分5分`, `本项5分`: the full marks stated on their own.
    StatedFull(Decimal),
    /// `扣满5分为止`, `最多扣5分`: the most the rule deducts.
    MaxDeduction(Decimal),
    /// `偏差在3%以内不扣分`: deviation that costs nothing; `both` when the words say either way.
    /// `level`: no word of deviation (`3%以内得满分`, `50万元以内不扣分`): the actual's own level,
    /// which must be the target; the steps count from it.
    Free {
        amount: Decimal,
        unit: String,
        both: bool,
        level: bool,
    },
    /// `与目标值相比`, `以90%为基准`: what the deviation is measured from (`None`: the target).
    Baseline(Option<Decimal>),
    /// `优秀得10分`: one level of a level list.
    Level(String, Points),
}

#[derive(Debug, Clone, PartialEq)]
struct Range {
    low: Option<Bound>,
    high: Option<Bound>,
    unit: String,
    /// Neither end said whether it is included (`80%-90%`).
    unmarked: bool,
    /// A bare value (`100%得满分`): at least or at most it, settled by the other bands.
    bare: bool,
}

const NUM: &str = r"([0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十])";
const UNITS: &str = r"个百分点|百分点|%|‰|人次|户次|个工作日|工作日|个月|小时|分钟|平方公里|平方米|平米|立方米|公里|公顷|公斤|千克|千米|千瓦时|千瓦|学时|课时|km²|km|kWh|m²|m³|㎡|万元|元|次|项|个|例|起|张|人|件|天|日|户|家|台|套|条|篇|期|场|所|批|份|名|处|辆|月|年|周|米|吨|亩|座|册|株|头|只|棵|本|位|间|宗|床|盏|根|支|块|种|类|组|栋|幢|度";
const SHORT: &str = "减少|降低|下降|低于|少于|少|缺少|缺|不足|未完成|未达到|差|低|降";
const OVER: &str = "增加|超过|超出|超支|超期|超时|高于|多于|多出|多|上升|出现|发生|发现|延迟|延误|延期|推迟|滞后|逾期|超|高";
/// The comparison word of a step clause without 每 whose number is a level of the actual
/// (`低于80%扣3分`: [`LEVEL_WORDS`], a number, no 目标值 after the word).
fn level_deduction<'a>(caps: &Captures<'a>) -> Option<&'a str> {
    let word = caps.name("bare")?.as_str();
    // `延期1个月以内扣2分`: a bound on the deviation (within a month: 2 points, once), no step.
    let bounded = caps.name("filler").is_some_and(|f| {
        ["以内", "之内", "以上", "以下", "内"]
            .iter()
            .any(|w| f.as_str().starts_with(w))
    });
    ((LEVEL_WORDS.contains(&word) && caps.name("of").is_none() || bounded)
        && caps.name("n").is_some())
    .then_some(word)
}

/// Comparison words that, without 每, name a level of the actual (`低于80%扣3分`), not a step.
const LEVEL_WORDS: &[&str] = &[
    "低于",
    "少于",
    "高于",
    "多于",
    "不足",
    "未达到",
    "未完成",
    "超过",
    "低",
    "高",
];
/// Words for a deviation either way (`偏离目标值每1%扣2分`, `提前或推迟1个月扣1分`).
const BOTH: &str = "偏离|偏差|相差|差异|误差|高于或低于|低于或高于|多于或少于|少于或多于|超过或低于|提前或推迟|提前或延后|提前或滞后|上下浮动|浮动";
/// Words for the target in a step (`每减少总量10%`, `每低于目标值1个百分点`).
const OF: &str = "总量|年度目标值|年度指标值|指标值|目标值|目标|计划数|计划值|计划|序时进度|预算数|预算|要求|标准";

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("rule pattern {pattern}: {e}"))
}

static STEP: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?P<subj>[^0-9每,]{{0,8}}?)(?:每有?(?P<side>{BOTH}|{SHORT}|{OVER})?|(?P<bare>{BOTH}|{SHORT}|{OVER}))(?:完成|开展|办理|实现|执行)?(?P<of>{OF})?的?(?P<n>{NUM})?(?P<unit>{UNITS})?(?P<filler>[^0-9扣按加]*?)(?P<rest>(?:按比例)?(?:扣|减).*)?$"
    ))
});

/// A score written as a product (`得分=完成率×分值`, `权重×完成率`, `完成率乘以分值`,
/// `(实际值/目标值)*分值`). A ratio written as actual ÷ target (`/`, `÷`) says more is better.
static PROPORTIONAL_FORMULA: LazyLock<Regex> = LazyLock::new(|| {
    let rate = r"(?:实际)?完成(?:率|比例|比率)|\(?(?:实际完成值?|实际值|完成值)[/÷](?:目标值|指标值|计划值)\)?";
    let weight = r"分值|权重分|权重|该项分值|该指标分值|本项分值|指标分值|满分";
    let times = r"[×*xX]|乘以";
    re(&format!(
        r"^(?:得分=|得分为|按)?(?:(?:{rate})(?:{times})(?:{weight})|(?:{weight})(?:{times})(?:{rate}))(?:计分|得分|计算)?$"
    ))
});

static DEDUCT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?P<prop>按比例)?(?:扣|减)(?:除|减|去)?(?:该项|该指标|本项|本指标)?(?:(?:权重分|分值|权重|得分)的?(?P<a>[0-9]+(?:\.[0-9]+)?)%|(?P<b>[0-9]+(?:\.[0-9]+)?)%的?(?:权重分|分值|权重)?|(?P<c>[0-9]+(?:\.[0-9]+)?)分)$",
    )
});

static ROUND_UP: LazyLock<Regex> = LazyLock::new(|| re(r"^不(?:满|足|到)[^按]*按[^计]*计(?:算)?$"));

static PROPORTIONAL_RULE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:未完成的?|未达到的?|未达标的?|否则)?(?:按|依|按照|依据|根据)(?:实际)?(?:完成|实际完成)?(?:比例|比率|程度|率)(?:计分|得分|扣分|计算得分|计算|折算|计算扣分|给分)?$",
    )
});

static CONDITION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:实际完成值?|完成值|实际值)?(?P<cmp>小于或等于|小于等于|不超过|不高于|低于或等于|大于或等于|大于等于|不低于|不少于|达到或超过|超过或达到|达到|完成|实现|超过|超出|大于|高于|小于|低于|少于|未达到|未完成|没有达到|达不到|没有完成|未实现)(?:年度)?(?:目标值|指标值|目标|计划值|计划|绩效目标|预算数|预算)(?:的|时|者)?$",
    )
});

/// A condition without a comparison: `未按时完成的`, `未能如期实现的`.
static CONDITION_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:如|若)?(?:未|没有|不能|未能)(?:按时|按期|如期|及时|全部)?(?:完成|达到|达标|实现)(?:目标|任务|指标)?(?:的|时|者)?$",
    )
});

static AWARD: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?:则|的|时|者)?(?:计|得|给|记|评|可得)(?:(?P<p>{NUM})分|(?:权重分|分值)的?(?P<s>[0-9]+(?:\.[0-9]+)?)%|(?P<s2>[0-9]+(?:\.[0-9]+)?)%的?(?:权重分|分值)|(?P<half>一半分值?|一半分|(?:分值|权重分|满分)的一半))$"
    ))
});

static BAND_WITH_AWARD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?P<cond>.+?)(?:的|时|者|则)?(?P<award>(?:计|得|给|记|可得)(?:[0-9]+(?:\.[0-9]+)?分|(?:权重分|分值)的?[0-9]+(?:\.[0-9]+)?%|[0-9]+(?:\.[0-9]+)?%的?(?:权重分|分值)|一半分值?|一半分|(?:分值|权重分|满分)的一半)|不得分|得0分|计0分|不计分|得满分|计满分)$",
    )
});

static RANGE_OP: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?P<subj>[^0-9≥≤<>=]{{0,8}}?)(?P<op>≥|>=|≤|<=|>|<|=|大于或等于|大于等于|高于或等于|多于或等于|不低于|不少于|不小于|小于或等于|小于等于|低于或等于|少于或等于|不超过|不高于|不大于|不多于|高于|大于|超过|低于|小于|不足|不满|未满|不到|少于|未达到|达到)(?P<n>[0-9]+(?:\.[0-9]+)?)(?P<u>{UNITS})?(?P<inc>含)?(?P<tail>及以上|以上|及以下|以下)?$"
    ))
});

static RANGE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?P<subj>[^0-9]{{0,8}}?)(?P<n>[0-9]+(?:\.[0-9]+)?)(?P<u>{UNITS})?(?P<inc>含)?(?P<tail>及以上|以上|及以下|以下)$"
    ))
});

static RANGE_SPAN: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?P<subj>[^0-9]{{0,8}}?)(?P<a>[0-9]+(?:\.[0-9]+)?)(?P<ua>{UNITS})?(?:(?P<ia>含)|(?P<xa>不含))?(?:-|~|～|至|到|—|–)(?P<b>[0-9]+(?:\.[0-9]+)?)(?P<ub>{UNITS})?(?:(?P<ib>含)|(?P<xb>不含))?$"
    ))
});

static BONUS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^每?(?:超额完成|超额|超过|超出|高于|多完成|增加|提高|每超)(?P<of>总量|指标值|目标值|目标)?的?{NUM}(?P<unit>{UNITS})?(?:的)?加(?P<add>[0-9]+(?:\.[0-9]+)?)分$"
    ))
});

static BONUS_CAP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:加分|累计加分|最高加分)?(?:不超过|不得超过|最多|最高|上限为?|以)(?:加)?(?P<n>[0-9]+(?:\.[0-9]+)?)分(?:为限|封顶|为止)?$",
    )
});

/// `扣满5分为止`, `最多扣5分`, `扣分不超过5分`, `累计扣分以5分为限`.
static MAX_DEDUCTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:扣满|扣完|最多扣|最高扣|最多扣除|(?:累计)?扣分(?:不超过|不得超过|最多|最高|上限为?|以))(?P<n>[0-9]+(?:\.[0-9]+)?)分(?:为止|为限|封顶)?$",
    )
});

/// `偏差在3%以内不扣分`, `误差在5%以内的不扣分`, `3%以内不扣分`.
static FREE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?P<subj>[^0-9]{{0,8}}?)(?:在|率在)?(?P<n>[0-9]+(?:\.[0-9]+)?)(?P<u>{UNITS})?(?:以内|之内|内)(?:的|时|者)?(?:不扣分|不扣|得满分)$"
    ))
});

/// `满分5分`, `本项5分`, `该项满分为5分`: the full marks, in a clause of their own.
static STATED_FULL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?:本项|该项|本指标|该指标)(?:满分|分值)?|满分|分值)(?:为)?(?P<n>[0-9]+(?:\.[0-9]+)?)分$",
    )
});

/// `超过3%的部分每1%扣1分`: a step that counts only beyond a threshold.
static BEYOND: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?:偏差|偏离|误差)?(?:超过|超出|大于|高于)(?P<n>[0-9]+(?:\.[0-9]+)?)(?P<u>{UNITS})?(?:的部分|部分|以上的部分|后)(?P<rest>每.+)$"
    ))
});

/// `超过部分每1%扣1分`: the part beyond the free part of a `…以内不扣分` clause, the number left
/// unsaid (read as `超过3%的部分…`; without a free part it refers to nothing and is refused).
static BEYOND_FREE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:偏差|偏离|误差)?(?:超过|超出)(?:的部分|部分)(?P<rest>每.+)$"));

/// `与目标值相比`, `以目标值为基准`, `以90%为基准`.
static BASELINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:与|和|较)(?:年度)?(?:目标值|指标值|目标|计划值|计划)(?:相比|比较)$|^以(?:(?:年度)?(?:目标值|指标值|目标|计划值)|(?P<n>[0-9]+(?:\.[0-9]+)?)(?:%|个百分点)?)为(?:基准|标准|基数)$",
    )
});

/// `90%≤完成率<95%`: an interval written as two inequalities.
static RANGE_INEQ: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?P<a>[0-9]+(?:\.[0-9]+)?)(?P<ua>{UNITS})?(?P<o1>≤|<=|<)(?P<subj>[^0-9≤<]{{0,8}})(?P<o2>≤|<=|<)(?P<b>[0-9]+(?:\.[0-9]+)?)(?P<ub>{UNITS})?$"
    ))
});

/// `100%`, `完成率100%`: a bare value, as a band's condition.
static RANGE_BARE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?P<subj>[^0-9≥≤<>=得计扣加分每]{{0,8}}?)(?:为|达到|达)?(?P<n>[0-9]+(?:\.[0-9]+)?)(?P<u>{UNITS})(?:的)?$"
    ))
});

/// A number as the patterns read it.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"[0-9]+(?:\.[0-9]+)?"));

/// Compiles every rule pattern now, on all cores: a batch needs most of them, and compiled
/// one by one as the first department's rules need them they are a few milliseconds in which
/// the other workers wait for the same pattern (docs/batch.md).
pub fn compile_patterns() {
    use rayon::prelude::*;
    let patterns: [&LazyLock<Regex>; 23] = [
        &STEP,
        &PROPORTIONAL_FORMULA,
        &DEDUCT,
        &ROUND_UP,
        &PROPORTIONAL_RULE,
        &CONDITION,
        &CONDITION_WORDS,
        &AWARD,
        &BAND_WITH_AWARD,
        &RANGE_OP,
        &RANGE_TAIL,
        &RANGE_SPAN,
        &BONUS,
        &BONUS_CAP,
        &MAX_DEDUCTION,
        &FREE,
        &STATED_FULL,
        &BEYOND,
        &BASELINE,
        &RANGE_INEQ,
        &RANGE_BARE,
        &LEVEL,
        &NUMBER,
    ];
    patterns.par_iter().for_each(|p| {
        LazyLock::force(p);
    });
}

/// Level words of a level list: a stem with an optional degree (`较`, `基本`, `不`).
static LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?P<w>(?:非常|很|比较|较为|较|基本|一般|不够|不)?(?:优秀|良好|合格|及格|充分|规范|完善|健全|明显|显著|满意|到位|有效|完整|准确|合理|科学|清晰|明确)|优|良|中|差|较差|一般|好|较好)(?:的|者|为)?(?P<award>(?:得|计|给|记)(?:[0-9]+(?:\.[0-9]+)?分|满分|(?:权重分|分值)的?[0-9]+(?:\.[0-9]+)?%|[0-9]+(?:\.[0-9]+)?%的?(?:权重分|分值)|一半分值?|(?:分值|权重分)的一半)|不得分|得0分|计0分|不计分)$",
    )
});

/// Wordings that need a person's judgement or data jixiao does not have.
const OUT_OF_REACH: &[(&[&str], &str)] = &[
    (&["排名", "名次", "排序", "位次", "前三名"], "按排名计分"),
    (
        &["上年", "去年", "上一年", "同比", "环比", "往年", "历年"],
        "与往年的数据比较",
    ),
    (
        &["全省", "全市", "全国", "其他地区", "平均水平", "兄弟单位"],
        "与其他地区或单位比较",
    ),
    (
        &["酌情", "视情况", "视情节", "酌定", "适当扣分"],
        "酌情扣分",
    ),
];

/// The first run of two or more Chinese numerals with a 十, 百, 千 or 万 in it (`二十`, `十五`,
/// `一百`, `三千`), and its byte index: a number the patterns cannot read. `十分`, `百分点`
/// and `一次` are not runs of numerals.
fn chinese_number(s: &str) -> Option<(usize, &str)> {
    let numeral = |c: char| chinese_digit(c).is_some() || matches!(c, '百' | '千' | '万');
    let mut chars = s.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !numeral(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, n)) = chars.peek() {
            if !numeral(n) {
                break;
            }
            end = i + n.len_utf8();
            chars.next();
        }
        let run = &s[start..end];
        if run.chars().count() >= 2 && run.contains(['十', '百', '千', '万']) {
            return Some((start, run));
        }
    }
    None
}

/// The first number followed by 万, 千 or 亿 (other than `万元`), and its byte index.
fn size_with_magnitude(s: &str) -> Option<(usize, &str)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
            i += 1;
        }
        let rest = &s[i..];
        let magnitude = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '万' | '千' | '亿'));
        if let Some(m) = magnitude {
            let after = &rest[m.len_utf8()..];
            // `1万元` is a unit of its own, and so are `千克`, `千米`, `千瓦` (no 千 of 克).
            let unit_of_its_own = (m == '万' && after.starts_with('元'))
                || (m == '千' && ["克", "米", "瓦"].iter().any(|u| after.starts_with(u)));
            if !unit_of_its_own {
                let end = i + m.len_utf8();
                let end = end
                    + rest[m.len_utf8()..]
                        .chars()
                        .next()
                        .map_or(0, char::len_utf8);
                return Some((start, &s[start..end]));
            }
        }
    }
    None
}

fn number(s: &str) -> Decimal {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if chinese_digit(c).is_some() => {
            Decimal::from(chinese_digit(c).unwrap_or(0))
        }
        _ => Decimal::from_str(s).unwrap_or_default(),
    }
}

/// Whether a clause names a quantity: a digit, or a Chinese numeral before a measure word
/// (`八成`, `半年`, `三个月`, `两次`). `一次性` is a manner, not a count.
fn has_quantity(c: &str) -> bool {
    let chars: Vec<char> = c.replace("一次性", "").chars().collect();
    chars.iter().any(char::is_ascii_digit)
        || chars.windows(2).any(|w| {
            "一二三四五六七八九十两半百千万".contains(w[0])
                && "成年月日天周次个项件起人分%季倍".contains(w[1])
        })
}

fn is_zero(c: &str) -> bool {
    zero_suffix(c).is_some()
}

/// The words at the end of `c` that award nothing (`不得分`, `扣除全部分值`), if any.
fn zero_suffix(c: &str) -> Option<&'static str> {
    [
        "不得分",
        "得0分",
        "计0分",
        "为0分",
        "不计分",
        "扣除全部分值",
        "扣全部分值",
        "扣完全部分值",
        "扣全部分",
        "扣除全部分",
        "扣全部分数",
        "扣除全部分数",
        "扣除该项全部分值",
        "该项不得分",
    ]
    .into_iter()
    .find(|z| c.ends_with(z))
}

/// The words before a 不得分 that mean "the target not met" (`否则`, `未完成`, `指标未达到的`,
/// `没有`), or none. Other words (`资金使用不规范的不得分`, `有重大投诉的不得分`) are a condition of
/// their own that the actual value cannot show: such a clause is not read (the rule is refused).
fn zero_when_not_met(c: &str) -> bool {
    let Some(suffix) = zero_suffix(c) else {
        return false;
    };
    let before = c[..c.len() - suffix.len()].trim_end_matches('的');
    const NOT_MET: &[&str] = &[
        "未达到目标值",
        "未达到指标值",
        "未达到年度目标值",
        "未达到年度指标值",
        "未达到目标",
        "未达到要求",
        "未达到",
        "未完成目标",
        "未完成任务",
        "未完成",
        "未按时完成",
        "未按期完成",
        "未及时完成",
        "不及时",
        "达不到",
        "未达标",
        "不达标",
        "没有完成",
        "没有达到",
        "没有",
        "逾期",
        "超过时限",
        "超期",
        "超时",
        "超支",
        "超预算",
        "超出预算",
        "超过预算",
        "该项",
    ];
    // A negation first (`未通过验收`, `未按要求开展`, `没有开展`, `不合格`): the thing to be done
    // not done. With steps, bands or 按完成比例 beside it the rule is refused as two ways of
    // scoring; beside 得满分 it is all-or-nothing either way.
    before.is_empty()
        || before.starts_with("否则")
        || before.starts_with("反之")
        || before.starts_with(['未', '没', '不'])
        || NOT_MET.iter().any(|w| before.ends_with(w))
}

/// Words that award the whole weight at the end of a clause.
const FULL_WORDS: &[&str] = &[
    "得满分",
    "得全分",
    "得权重分的100%",
    "得100%权重分",
    "得全部分值",
    "计满分",
    "满分",
];

/// Whether the words before a clause's 不得分 or 得满分 name a quantity (`80%以下（不含）不得分`,
/// `开展5次以上活动得满分`): a condition of their own, not "the target (not) met".
fn quantity_before_award(c: &str) -> bool {
    let before = zero_suffix(c)
        .map(|z| &c[..c.len() - z.len()])
        .or_else(|| FULL_WORDS.iter().find_map(|w| c.strip_suffix(w)))
        .or_else(|| c.find("得满分").map(|i| &c[..i]))
        .unwrap_or(c);
    has_quantity(before)
}

fn cmp_of(word: &str) -> Option<Cmp> {
    Some(match word {
        "≥" | ">=" | "大于或等于" | "大于等于" | "高于或等于" | "多于或等于" | "不低于"
        | "不少于" | "不小于" | "达到或超过" | "超过或达到" | "达到" => Cmp::Ge,
        ">" | "大于" | "高于" | "超过" | "超出" => Cmp::Gt,
        "≤" | "<=" | "小于或等于" | "小于等于" | "不超过" | "不高于" | "低于或等于"
        | "少于或等于" | "不大于" | "不多于" => Cmp::Le,
        // 不满, 不到: less than, the number excluded (as 不足).
        "<" | "小于" | "低于" | "不足" | "不满" | "未满" | "不到" | "少于" | "未达到" => {
            Cmp::Lt
        }
        "=" => Cmp::Eq,
        _ => return None,
    })
}

fn full_marks_direction(c: &str) -> Option<Direction> {
    if ["达到或超过", "超过目标", "不低于", "大于或等于", "大于等于"]
        .iter()
        .any(|w| c.contains(w))
    {
        Some(Direction::Positive)
    } else if ["小于或等于", "小于等于", "不超过", "不高于", "低于或等于"]
        .iter()
        .any(|w| c.contains(w))
    {
        Some(Direction::Reverse)
    } else {
        None
    }
}

fn measure_of(of: bool, unit: &str) -> Measure {
    if of {
        Measure::OfTarget
    } else if unit == "%" {
        Measure::Percent
    } else if unit.contains("百分点") {
        Measure::Units("个百分点".into())
    } else {
        Measure::Units(unit.to_string())
    }
}

fn deduct_of(caps: &Captures) -> Points {
    if let Some(m) = caps.name("a").or(caps.name("b")) {
        Points::ShareOfWeight(number(m.as_str()))
    } else {
        Points::Points(
            caps.name("c")
                .map(|m| number(m.as_str()))
                .unwrap_or_default(),
        )
    }
}

fn award_of(text: &str) -> Option<Points> {
    if is_zero(text) || text.ends_with("满分") {
        if quantity_before_award(text) {
            return None;
        }
        return Some(if is_zero(text) {
            Points::Points(Decimal::ZERO)
        } else {
            Points::ShareOfWeight(Decimal::ONE_HUNDRED)
        });
    }
    let caps = AWARD.captures(text)?;
    if caps.name("half").is_some() {
        return Some(Points::ShareOfWeight(Decimal::from(50)));
    }
    if let Some(p) = caps.name("p") {
        Some(Points::Points(number(p.as_str())))
    } else {
        caps.name("s")
            .or(caps.name("s2"))
            .map(|s| Points::ShareOfWeight(number(s.as_str())))
    }
}

fn bound(n: &str, inclusive: bool) -> Bound {
    Bound {
        value: number(n),
        inclusive,
    }
}

fn subject_ok(caps: &Captures) -> bool {
    let subj = caps.name("subj").map_or("", |m| m.as_str());
    !["目标", "指标值", "计划"].iter().any(|w| subj.contains(w))
        && change_word(subj).is_none()
        // `…或等于5%`: a comparison not read whole (`低于或等于` is), never dropped.
        && !subj.ends_with('或')
        && !subj.ends_with("或等于")
}

/// Words of a change that, right before a number, make it the size of a change from the target
/// (`减少50%以上`: down by half or more), not a level the actual is compared with.
const CHANGE_WORDS: &[&str] = &[
    "减少", "降低", "下降", "缩减", "增加", "提高", "上升", "增长", "超出", "多出", "缺少", "偏离",
    "偏差", "相差", "超支", "超期", "超时", "延迟", "延误", "延期", "推迟", "滞后", "逾期",
];

/// The change word `subj` (the words before a band's number) ends with, if any; or one that
/// names the change as its subject (`超出部分达到10%`, `降低幅度超过20%`, `偏差率超过10%`).
fn change_word(subj: &str) -> Option<&'static str> {
    let subj = subj.trim_end_matches('了');
    CHANGE_WORDS
        .iter()
        .chain(&["超过", "低于", "高于", "少于", "多于"])
        .copied()
        .find(|w| {
            (CHANGE_WORDS.contains(w) && subj.ends_with(w))
                || ["部分", "幅度", "额"]
                    .iter()
                    .any(|part| subj.contains(&format!("{w}{part}")))
                || (["偏离", "偏差", "相差"].contains(w) && subj.contains(w))
        })
}

/// A band condition whose number follows a change word (`减少50%以上不得分`,
/// `超出10%以上不得分`): the number may be the change from the target (down by 50 %) or the
/// actual itself (50 % or more) — read either way, the score differs; the clause is refused.
fn change_before_number(c: &str) -> Option<&'static str> {
    let digit = c.find(|ch: char| ch.is_ascii_digit())?;
    change_word(&c[..digit])
}

fn cmp_bound(op: &str, n: &str) -> Bound {
    bound(n, op != "<")
}

/// Reads a band condition: `≥90%`, `低于60%`, `90%以上`, `80%(含)-90%`, `0-10%(含)`, `=0`,
/// `90%≤完成率<95%`, `完成率在90%含至95%之间`, and a bare `100%` (settled by the other bands).
fn range(c: &str) -> Option<Range> {
    // `完成率在90%含至95%之间`: the span without its frame.
    if let Some(inner) = c.strip_suffix("之间") {
        let inner = match inner.find('在') {
            Some(i) if i <= 8 * 3 => &inner[i + '在'.len_utf8()..],
            _ => inner,
        };
        return range(inner).filter(|r| r.low.is_some() && r.high.is_some() && !r.bare);
    }
    if let Some(caps) = RANGE_INEQ.captures(c).filter(subject_ok) {
        let ua = caps.name("ua").map_or("", |m| m.as_str());
        let ub = caps.name("ub").map_or("", |m| m.as_str());
        if !ua.is_empty() && !ub.is_empty() && ua != ub {
            return None;
        }
        return Some(Range {
            low: Some(cmp_bound(&caps["o1"], &caps["a"])),
            high: Some(cmp_bound(&caps["o2"], &caps["b"])),
            unit: if ub.is_empty() { ua } else { ub }.to_string(),
            unmarked: false,
            bare: false,
        });
    }
    if let Some(caps) = RANGE_SPAN.captures(c).filter(subject_ok) {
        let ua = caps.name("ua").map_or("", |m| m.as_str());
        let ub = caps.name("ub").map_or("", |m| m.as_str());
        if !ua.is_empty() && !ub.is_empty() && ua != ub {
            return None;
        }
        let ia = caps.name("ia").is_some();
        let ib = caps.name("ib").is_some();
        // `(不含)` on one end: that end is out, the other in unless marked (`90%(含)-95%(不含)`
        // is [90 %, 95 %), `90%(不含)-95%` is (90 %, 95 %]).
        let xa = caps.name("xa").is_some();
        let xb = caps.name("xb").is_some();
        let unmarked = !ia && !ib && !xa && !xb;
        return Some(Range {
            low: Some(bound(&caps["a"], ia || unmarked || (xb && !xa))),
            high: Some(bound(&caps["b"], ib || (xa && !xb))),
            unit: if ub.is_empty() { ua } else { ub }.to_string(),
            unmarked,
            bare: false,
        });
    }
    let (caps, op) = if let Some(caps) = RANGE_OP.captures(c).filter(subject_ok) {
        let op = cmp_of(&caps["op"])?;
        (caps, Some(op))
    } else if let Some(caps) = RANGE_TAIL.captures(c).filter(subject_ok) {
        (caps, None)
    } else {
        let caps = RANGE_BARE.captures(c).filter(subject_ok)?;
        let b = bound(&caps["n"], true);
        return Some(Range {
            low: Some(b),
            high: Some(b),
            unit: caps["u"].to_string(),
            unmarked: false,
            bare: true,
        });
    };
    let n = &caps["n"];
    let unit = caps.name("u").map_or("", |m| m.as_str()).to_string();
    let marked = caps.name("inc").is_some();
    let op = match (op, caps.name("tail").map(|m| m.as_str())) {
        (Some(op), None) => op,
        (None, Some("以上" | "及以上")) => Cmp::Ge,
        (None, Some(_)) => Cmp::Le,
        // `≥90%以上` says the same twice; `低于60%以上` says nothing sensible.
        (Some(op @ (Cmp::Ge | Cmp::Gt)), Some("以上" | "及以上")) => op,
        (Some(op @ (Cmp::Le | Cmp::Lt)), Some("以下" | "及以下")) => op,
        _ => return None,
    };
    let (low, high) = match op {
        Cmp::Ge => (Some(bound(n, true)), None),
        Cmp::Gt => (Some(bound(n, marked)), None),
        Cmp::Le => (None, Some(bound(n, true))),
        Cmp::Lt => (None, Some(bound(n, marked))),
        Cmp::Eq => (Some(bound(n, true)), Some(bound(n, true))),
    };
    Some(Range {
        low,
        high,
        unit,
        unmarked: false,
        bare: false,
    })
}

fn describe_range(r: &Range) -> String {
    match (r.unmarked, r.low, r.high) {
        (true, Some(l), Some(h)) => format!(
            "{}{u}至{}{u}（未注明端点含否）",
            plain(l.value),
            plain(h.value),
            u = r.unit
        ),
        _ => super::range_label(r.low, r.high, &r.unit),
    }
}

fn describe_points(p: Points) -> String {
    match p {
        Points::Points(p) => format!("{}分", plain(p)),
        Points::ShareOfWeight(s) if s == Decimal::ONE_HUNDRED => "满分".into(),
        Points::ShareOfWeight(s) => format!("分值的{}%", plain(s)),
    }
}

fn describe_size(size: &Size) -> String {
    match &size.measure {
        Measure::Units(u) if u.is_empty() => format!("{}（指标值的单位）", plain(size.amount)),
        Measure::Units(u) => format!("{}{u}", plain(size.amount)),
        Measure::OfTarget => format!("{}%（相对指标值）", plain(size.amount)),
        Measure::Percent => format!(
            "{}%（百分比指标按百分点，其他指标按相对指标值）",
            plain(size.amount)
        ),
    }
}

/// Clauses that limit or frame a rule: caps, the most deducted, a free part, a step beyond a
/// threshold, the baseline, and (where the rule is a level list) levels.
fn classify_limits(c: &str, levels: bool) -> Option<(Clause, String)> {
    let found = |clause: Clause, meaning: String| Some((clause, meaning));
    const CAPS: &[&str] = &[
        "最高不超过满分",
        "最高不超过分值",
        "最高不超过该项分值",
        "最高不超过该指标分值",
        "不超过满分",
        "不超过分值",
        "不超过该项分值",
        "得分不超过分值",
        "得分不超过满分",
        "满分为止",
        "以满分为限",
        "以分值为限",
        "最高得满分",
        "最多得满分",
        "超过满分按满分计",
        "超出部分不加分",
    ];
    if CAPS.contains(&c) {
        return found(Clause::Cap, "得分以分值为上限（不加分）".into());
    }
    if let Some(caps) = STATED_FULL.captures(c) {
        let n = number(&caps["n"]);
        return found(Clause::StatedFull(n), format!("写明满分{}分", plain(n)));
    }
    if let Some(caps) = MAX_DEDUCTION.captures(c) {
        let n = number(&caps["n"]);
        return found(Clause::MaxDeduction(n), format!("最多扣{}分", plain(n)));
    }
    if let Some(caps) = FREE.captures(c) {
        let subj = caps.name("subj").map_or("", |m| m.as_str());
        let amount = number(&caps["n"]);
        let unit = caps.name("u").map_or("", |m| m.as_str()).to_string();
        let both = BOTH.split('|').any(|b| subj.contains(b));
        // `投诉率控制在3%以内不扣分`: no word of deviation, so 3 % is the actual's level (it was
        // read as 3 points of deviation beyond the target, free: 5% against ≤3% lost nothing).
        let level = !both
            && !CHANGE_WORDS
                .iter()
                .chain(&["超过", "超", "低于", "高于", "少于", "多于", "差"])
                .any(|w| subj.contains(w));
        let meaning = if level {
            format!(
                "实际在{}{unit}以内不扣分（须与指标值相同，扣分从它算起）",
                plain(amount)
            )
        } else {
            format!(
                "{}在{}{unit}以内不扣分",
                if both {
                    "偏离（高或低）"
                } else {
                    "偏离"
                },
                plain(amount)
            )
        };
        return found(
            Clause::Free {
                amount,
                unit,
                both,
                level,
            },
            meaning,
        );
    }
    if let Some(caps) = BEYOND.captures(c) {
        let threshold = number(&caps["n"]);
        if let Some((
            Clause::Step {
                side,
                size,
                deduct,
                proportional,
                ..
            },
            meaning,
        )) = classify(&caps["rest"], false)
        {
            let unit = caps.name("u").map_or("", |m| m.as_str());
            let unit_ok = match &size.measure {
                Measure::Units(u) => unit.is_empty() || u == unit,
                Measure::Percent | Measure::OfTarget => unit == "%" || unit.is_empty(),
            };
            if !unit_ok {
                return None;
            }
            let meaning = format!("超过{}{unit}的部分：{meaning}", plain(threshold));
            return found(
                Clause::Step {
                    side,
                    size,
                    deduct,
                    proportional,
                    beyond: Some(threshold),
                },
                meaning,
            );
        }
        return None;
    }
    if let Some(caps) = BEYOND_FREE.captures(c) {
        // The free part's number is the threshold: settled in `finish_step`, which refuses
        // the clause when there is no free part.
        if let Some((step @ Clause::Step { .. }, meaning)) = classify(&caps["rest"], false) {
            return found(step, format!("超过不扣分范围的部分：{meaning}"));
        }
        return None;
    }
    if let Some(caps) = BASELINE.captures(c) {
        let n = caps.name("n").map(|m| number(m.as_str()));
        let meaning = match n {
            Some(n) => format!("以{}为基准（须与指标值相同）", plain(n)),
            None => "与指标值比较".into(),
        };
        return found(Clause::Baseline(n), meaning);
    }
    if levels {
        if let Some(caps) = LEVEL.captures(c) {
            let award = award_of(&caps["award"])?;
            let word = caps["w"].to_string();
            let meaning = format!("等级「{word}」得{}", describe_points(award));
            return found(Clause::Level(word, award), meaning);
        }
    }
    None
}

/// Recognises one clause; returns it with its meaning for `explain`.
fn classify(c: &str, levels: bool) -> Option<(Clause, String)> {
    let found = |clause: Clause, meaning: String| Some((clause, meaning));
    if let Some(r) = classify_limits(c, levels) {
        return Some(r);
    }
    if [
        "扣完为止",
        "扣完即止",
        "直至扣完",
        "直至扣完为止",
        "扣完",
        "最低为0分",
        "最低0分",
        "减至0分为止",
        "扣至0分为止",
        "最低得0分",
    ]
    .contains(&c)
    {
        return found(Clause::Floor, "扣完为止：最低0分".into());
    }
    if c == "按比例" || c == "按比例扣分" || c == "按比例计算" {
        return found(Clause::ProportionalSteps, "不足一档的部分按比例计算".into());
    }
    if PROPORTIONAL_RULE.is_match(c) {
        return found(
            Clause::ProportionalRule { ratio: false },
            "按完成比例计分（国家默认方法）".into(),
        );
    }
    if PROPORTIONAL_FORMULA.is_match(c) {
        let ratio = c.contains('/') || c.contains('÷');
        return found(
            Clause::ProportionalRule { ratio },
            if ratio {
                "得分 = 分值 × 实际值 ÷ 目标值（正向指标的国家默认方法）"
            } else {
                "按完成比例计分（国家默认方法）"
            }
            .into(),
        );
    }
    if let Some(caps) = BONUS.captures(c) {
        let unit = caps.name("unit").map_or("", |m| m.as_str());
        let size = Size {
            amount: number(&caps[2]),
            measure: measure_of(caps.name("of").is_some(), unit),
        };
        let add = number(&caps["add"]);
        let meaning = format!(
            "加分：比指标值每多{}加{}分",
            describe_size(&size),
            plain(add)
        );
        return found(Clause::Bonus { size, add }, meaning);
    }
    if let Some(caps) = BONUS_CAP.captures(c) {
        let cap = number(&caps["n"]);
        return found(Clause::BonusCap(cap), format!("加分上限{}分", plain(cap)));
    }
    if let Some(caps) = STEP.captures(c).filter(|caps| {
        // A step needs a size (`1次`, `10%`, `项`), and without 每 its deduction in the clause.
        (caps.name("n").is_some() || caps.name("unit").is_some())
            && (caps.name("bare").is_none() || caps.name("rest").is_some())
    }) {
        // `低于80%扣3分`, `少于10次扣2分`: without 每, a comparison word and a number name a level
        // of the actual (below 80 %: deduct 3, once), not a step of 80 points, which no shortfall
        // reaches. A one-off deduction is not read (see `未完成扣2分`): refused.
        if level_deduction(&caps).is_some() {
            return None;
        }
        let subject = caps.name("subj").map_or("", |m| m.as_str());
        let side = match caps.name("side").or(caps.name("bare")).map(|m| m.as_str()) {
            _ if BOTH.split('|').any(|b| subject.contains(b)) => Side::Both,
            Some(w) if BOTH.split('|').any(|o| o == w) => Side::Both,
            Some(w) if OVER.split('|').any(|o| o == w) => Side::Over,
            Some(_) => Side::Short,
            // `低于目标值每1%扣2分`: the side in the words before 每.
            None if SHORT.split('|').any(|w| subject.starts_with(w)) => Side::Short,
            None if OVER.split('|').any(|w| subject.starts_with(w)) => Side::Over,
            None => Side::Worse,
        };
        let unit = caps.name("unit").map_or("", |m| m.as_str());
        // A unit the list above does not know (`每减少1吨公里`, `每少1艘`): kept as written, so
        // that the unit check against the target sees it (dropped, the step was counted in the
        // target's unit).
        let unknown: String = match caps.name("filler") {
            Some(f) if unit.is_empty() && caps.name("n").is_some() => f
                .as_str()
                .chars()
                .take_while(|c| c.is_alphabetic() && !"的以及或和时者即就则".contains(*c))
                .collect(),
            _ => String::new(),
        };
        let unit = if unknown.is_empty() { unit } else { &unknown };
        let of = caps.name("of").map(|m| m.as_str());
        let relative = of.is_some_and(|o| o != "序时进度") && unit == "%";
        let amount = caps.name("n").map_or(Decimal::ONE, |m| number(m.as_str()));
        let size = Size {
            amount,
            measure: measure_of(relative, unit),
        };
        let rest = caps.name("rest").map_or("", |m| m.as_str());
        let deduct = if rest.is_empty() {
            Some((None, false))
        } else {
            // `发生一起扣全部分` is no step: the clause is read as a veto below.
            DEDUCT
                .captures(rest)
                .map(|d| (Some(deduct_of(&d)), d.name("prop").is_some()))
        };
        if let Some((deduct, proportional)) = deduct {
            let side_word = match side {
                Side::Short => "比指标值少",
                Side::Over => "比指标值多",
                Side::Worse => "向不利方向偏离指标值",
                Side::Both => "偏离指标值（高或低）",
            };
            let mut meaning = format!("每档：{side_word}{}", describe_size(&size));
            if let Some(d) = deduct {
                meaning.push_str(&format!("，每档扣{}", describe_points(d)));
            }
            return found(
                Clause::Step {
                    side,
                    size,
                    deduct,
                    proportional,
                    beyond: None,
                },
                meaning,
            );
        }
    }
    if let Some(d) = DEDUCT.captures(c) {
        let deduct = deduct_of(&d);
        let proportional = d.name("prop").is_some();
        let meaning = format!(
            "每档扣{}{}",
            describe_points(deduct),
            if proportional { "（按比例）" } else { "" }
        );
        return found(
            Clause::Deduct {
                deduct,
                proportional,
            },
            meaning,
        );
    }
    if (c.starts_with("不足") || c.starts_with("不满")) && c.contains("按比例") {
        return found(Clause::ProportionalSteps, "不足一档的部分按比例计算".into());
    }
    if ROUND_UP.is_match(c) {
        return found(Clause::RoundUp, "不足一档按一档计".into());
    }
    if let Some(caps) = BAND_WITH_AWARD.captures(c) {
        if let (Some(r), Some(award)) = (range(&caps["cond"]), award_of(&caps["award"])) {
            let meaning = format!("分档：{}得{}", describe_range(&r), describe_points(award));
            return found(Clause::Band(r, award), meaning);
        }
    }
    if let Some(r) = range(c) {
        let meaning = format!("分档条件：{}", describe_range(&r));
        return found(Clause::Range(r), meaning);
    }
    if c.starts_with("发生") || c.starts_with("出现") {
        // `出现20次以上投诉不得分`: a count of its own, which a plain veto would drop (`发生一起`
        // is the event itself).
        let after = c[6..].trim_start_matches(['一', '1']);
        if quantity_before_award(after) {
            return None;
        }
        return if is_zero(c) {
            found(Clause::Veto, "否决事件：发生即不得分".into())
        } else {
            found(Clause::Event, "否决事件的条件".into())
        };
    }
    if let Some(caps) = CONDITION.captures(c) {
        let cmp = cmp_of(&caps["cmp"]);
        return found(Clause::Condition(cmp), "与指标值比较的条件".into());
    }
    if CONDITION_WORDS.is_match(c) {
        return found(Clause::Condition(None), "未完成的条件".into());
    }
    if let Some(p) = award_of(c) {
        if p == Points::Points(Decimal::ZERO) {
            // `资金使用不规范的不得分`: a condition of another fact, which no actual value can
            // say; read as "otherwise 0" it zeroed every shortfall, and the rest of the rule.
            if !zero_when_not_met(c) {
                return None;
            }
            return found(Clause::Zero, "不得分".into());
        }
        if p == Points::ShareOfWeight(Decimal::ONE_HUNDRED) {
            return found(Clause::FullMarks(full_marks_direction(c)), "满分".into());
        }
        return found(Clause::Award(p), format!("得{}", describe_points(p)));
    }
    // The catch-alls below take any words before 不得分 or 得满分 as "the target (not) met". A
    // number or a time in those words (`80%以下（不含）不得分`, `完成目标值的90%即得满分`,
    // `开展5次以上活动得满分`, `6月底前完成得满分`) is a condition of its own, which they would
    // drop: such a clause is not read (the rule is refused), never scored as the target met.
    if quantity_before_award(c) {
        return None;
    }
    if is_zero(c) {
        return found(Clause::Zero, "未达到时不得分".into());
    }
    if FULL_WORDS.iter().any(|w| c.ends_with(w)) || c.contains("得满分") {
        return found(
            Clause::FullMarks(full_marks_direction(c)),
            "满分条件：达到指标值得满分".into(),
        );
    }
    if ["达到", "完成", "实现"].iter().any(|w| c.starts_with(w))
        && ["目标", "指标", "计划"].iter().any(|w| c.contains(w))
    {
        return found(
            Clause::FullMarks(full_marks_direction(c)),
            "满分条件".into(),
        );
    }
    None
}

/// The bytes of a clause's number label (`(1)`, `①`, `1、`, `一、`, or a clause that is only `1`
/// or `一`, as `1.每降低…` splits at the point): templates number their clauses, and the label is
/// no part of the rule. A number that goes on (`1.5%`, `1次`) is no label.
fn label_len(c: &str) -> usize {
    let numeral =
        |ch: char| ch.is_ascii_digit() || crate::text::chinese_digit(ch).is_some() || ch == '十';
    let digits = c.chars().take_while(|&ch| numeral(ch)).count();
    if digits > 0 && digits <= 2 && c.chars().count() == digits && !c.chars().all(|ch| ch == '十')
    {
        return c.len();
    }
    if let Some(inner) = c.strip_prefix('(') {
        let n = inner.chars().take_while(|&ch| numeral(ch)).count();
        if (1..=2).contains(&n) && inner[n..].starts_with(')') {
            return 1 + n + 1;
        }
    }
    if let Some(first) = c.chars().next() {
        if ('①'..='⑩').contains(&first) {
            return first.len_utf8();
        }
    }
    if (1..=2).contains(&digits) {
        let after: usize = c.chars().take(digits).map(char::len_utf8).sum();
        if c[after..].starts_with('、') {
            return after + '、'.len_utf8();
        }
    }
    0
}

/// Splits at clause punctuation, keeping each clause's byte offset; a `.` between digits is a
/// decimal point, not a full stop.
fn clauses(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let decimal_point = c == '.'
            && k > 0
            && chars[k - 1].1.is_ascii_digit()
            && chars.get(k + 1).is_some_and(|(_, n)| n.is_ascii_digit());
        if matches!(c, ',' | ';' | '。' | '.' | '!' | '\n') && !decimal_point {
            out.push((start, &s[start..i]));
            start = i + c.len_utf8();
        }
    }
    out.push((start, &s[start..]));
    out.into_iter().filter(|(_, c)| !c.is_empty()).collect()
}

/// Comparisons that say which way is better when a condition and its award share one clause.
const SIDED_COMPARISONS: &[&str] = &[
    "超过",
    "超出",
    "大于",
    "高于",
    "小于",
    "低于",
    "少于",
    "不超过",
    "不高于",
    "小于或等于",
    "小于等于",
    "低于或等于",
    "大于或等于",
    "大于等于",
    "不低于",
    "不少于",
    "达到或超过",
    "超过或达到",
];

/// Splits a clause that is a comparison with the target and its award in one (`超过指标值不得分`,
/// `超出预算不得分`) into the two, as if a comma stood between them (`超过指标值的，不得分`):
/// read whole, the catch-all for "…不得分" would drop the comparison and with it the direction
/// (a bare `5%` target then scored 8% full marks and 3% nothing).
fn split_conditions(parts: Vec<(usize, &str)>) -> Vec<(usize, &str)> {
    let mut out = Vec::with_capacity(parts.len());
    for (offset, c) in parts {
        let split = c
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            // The longest condition: `大于目标值` + `不得分`, not `大于目标` + `值不得分`.
            .filter(|&i| {
                CONDITION
                    .captures(&c[..i])
                    .is_some_and(|caps| SIDED_COMPARISONS.contains(&&caps["cmp"]))
                    && award_of(&c[i..]).is_some()
            })
            .last();
        match split {
            Some(i) => {
                out.push((offset, &c[..i]));
                out.push((offset + i, &c[i..]));
            }
            None => out.push((offset, c)),
        }
    }
    out
}

/// What puts a clause out of reach of automatic scoring, if anything.
fn out_of_reach(clause: &str) -> Option<&'static str> {
    OUT_OF_REACH
        .iter()
        .find(|(words, _)| words.iter().any(|w| clause.contains(w)))
        .map(|(_, what)| *what)
}

/// The known shapes closest to a fragment, by its own words: shared pairs of characters
/// (`每减`, `扣分`, `以内`) count most, shared characters break ties.
fn closest(fragment: &str) -> Vec<&'static str> {
    if fragment.is_empty() {
        return SHAPES.iter().take(3).copied().collect();
    }
    let pairs = |t: &str| -> Vec<(char, char)> {
        let cs: Vec<char> = t
            .chars()
            .filter(|c| !c.is_ascii_digit() && *c != '.')
            .collect();
        cs.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let own = pairs(fragment);
    let mut scored: Vec<(usize, usize, &'static str)> = SHAPES
        .iter()
        .map(|s| {
            let theirs = pairs(s);
            let shared_pairs = own.iter().filter(|p| theirs.contains(p)).count();
            let shared_chars = fragment
                .chars()
                .filter(|c| !c.is_ascii_digit() && s.contains(*c))
                .count();
            (shared_pairs, shared_chars, *s)
        })
        .collect();
    scored.sort_by_key(|s| std::cmp::Reverse((s.0, s.1)));
    scored.into_iter().take(3).map(|(_, _, s)| s).collect()
}

/// Reads a rule text (评(扣)分标准), or a rule in canonical notation.
pub fn parse(text: &str) -> Result<ParsedRule, RuleError> {
    let first = parse_once(text);
    // `、` usually lists things inside one clause (`社会治安秩序、人民群众生命财产安全`), but some
    // tables use it between clauses (`每减少1次扣1分、扣完为止`): try that reading too.
    match first {
        Err(e) if text.contains('、') => parse_once(&text.replace('、', "，")).map_err(|_| e),
        other => other,
    }
}

fn parse_once(text: &str) -> Result<ParsedRule, RuleError> {
    if super::canonical::looks_canonical(text) {
        return super::canonical::parse(text).map(|rule| ParsedRule {
            direction: match &rule.base {
                Base::Step(s) => s.side.direction(),
                _ => None,
            },
            rule,
            step_text: text.trim().to_string(),
            clauses: Vec::new(),
            lints: Vec::new(),
            baseline: None,
            ratio_formula: false,
        });
    }
    // Normalise: half-width, no spaces, `(含)` → `含`. `origin` maps each kept character back to
    // its 1-based position in the text as written.
    let half = to_half_width(text);
    // Drop white space first (it may stand inside `( 含 )`), keeping each character's position.
    let chars: Vec<(usize, char)> = half
        .chars()
        .enumerate()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(n, c)| (n + 1, c))
        .collect();
    let mut kept = String::new();
    let mut origin = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (n, c) = chars[k];
        if k + 2 < chars.len() && c == '(' && chars[k + 1].1 == '含' && chars[k + 2].1 == ')' {
            // The marker stands for all three characters; a clause ending in it ends at `)`.
            kept.push('含');
            origin.push(chars[k + 2].0);
            k += 3;
            continue;
        }
        // `(不含)`: the same, as `不含`.
        if k + 3 < chars.len()
            && c == '('
            && chars[k + 1].1 == '不'
            && chars[k + 2].1 == '含'
            && chars[k + 3].1 == ')'
        {
            kept.push_str("不含");
            origin.push(chars[k + 1].0);
            origin.push(chars[k + 3].0);
            k += 4;
            continue;
        }
        // `扣1分(扣完为止)`, `扣1分 扣完为止`: a clause of its own.
        let rest: String = chars[k..].iter().take(6).map(|&(_, c)| c).collect();
        let floor = if rest.starts_with("(扣完为止)") {
            Some(true)
        } else if rest.starts_with("扣完为止")
            && kept
                .chars()
                .last()
                .is_some_and(|l| !",;，；。、至直".contains(l))
        {
            Some(false)
        } else {
            None
        };
        if let Some(bracketed) = floor {
            kept.push(',');
            origin.push(n);
            let skip = usize::from(bracketed);
            for &(m, ch) in &chars[k + skip..k + skip + 4] {
                kept.push(ch);
                origin.push(m);
            }
            k += 4 + 2 * skip;
            continue;
        }
        kept.push(match c {
            '；' => ';',
            '≧' => '≥',
            '≦' => '≤',
            _ => c,
        });
        origin.push(n);
        k += 1;
    }
    let kept = kept.replace("一个百分点", "1个百分点");
    let at = |byte: usize| origin.get(char_pos(&kept, byte)).copied().unwrap_or(1);

    // The patterns read the digits 0-9 (a full-width ０-９ is half-width by now). A digit of
    // another script (`٣`, `३`) would be read as a word and the number around it lost: refused.
    if let Some((start, digit)) = crate::text::other_script_digit(&kept) {
        return Err(RuleError {
            fragment: digit.to_string(),
            position: at(start),
            message:
                "评分标准中有 0-9 以外的数字字符（其他文字的数字），无法按数读取；请改写为 0-9"
                    .into(),
            closest: Vec::new(),
        });
    }
    // The patterns read one Chinese numeral (`每少一项`, `扣两分`); a number of several (`二十`,
    // `十五`, `一百`) would be read by its first character alone: refused, asking for digits.
    if let Some((start, numeral)) = chinese_number(&kept) {
        return Err(RuleError {
            fragment: numeral.to_string(),
            position: at(start),
            message: format!(
                "评分标准中的中文数字「{numeral}」只能按一个字读取；请改写为阿拉伯数字（如「二十」写作 20）"
            ),
            closest: Vec::new(),
        });
    }
    // `1万张`, `2千次`: the patterns read a size in the target's unit, and the magnitude would
    // be left out of it (a step of 1张, not 10000张): refused. `1万元` is a unit of its own.
    if let Some((start, size)) = size_with_magnitude(&kept) {
        return Err(RuleError {
            fragment: size.to_string(),
            position: at(start),
            message: format!(
                "评分标准中的「{size}」带数量级（万、千、亿），每档的大小无法按指标值的单位读取；请写成不带数量级的数（如「1万张」写作 10000张）"
            ),
            closest: Vec::new(),
        });
    }
    // A number too large to be a real step, points or cap (or to read at all) would otherwise
    // be read as 0: refused, with its place.
    for m in NUMBER.find_iter(&kept) {
        let ok = Decimal::from_str(m.as_str())
            .is_ok_and(|n| n <= Decimal::from(crate::quantity::MAX_ABS));
        if !ok {
            return Err(RuleError {
                fragment: m.as_str().to_string(),
                position: at(m.start()),
                message: "评分标准中的数过大".into(),
                closest: Vec::new(),
            });
        }
    }
    let mut found = Vec::new();
    let mut previous: Vec<String> = Vec::new();
    let parts: Vec<(usize, &str)> = split_conditions(clauses(&kept))
        .into_iter()
        .filter_map(|(offset, clause)| {
            let skip = label_len(clause);
            (skip < clause.len()).then(|| (offset + skip, &clause[skip..]))
        })
        .collect();
    for &(offset, clause) in &parts {
        if let Some(what) = out_of_reach(clause) {
            return Err(RuleError {
                fragment: clause.to_string(),
                position: at(offset),
                message: format!(
                    "这条评分标准要求{what}（需要 jixiao 没有的数据或人工判断），无法自动计分；\
                     请在目标文件中用规则表 [table.indicator.rule] 写明计分方法（见 targets-format.md）"
                ),
                closest: Vec::new(),
            });
        }
    }
    // A level list (`优秀得10分，良好得8分…`) needs two levels at least; one level word alone
    // (`及时得满分`) is an ordinary condition.
    let levels = parts.iter().filter(|(_, c)| LEVEL.is_match(c)).count() >= 2;
    for (offset, clause) in parts {
        let repeats_last = previous
            .last()
            .is_some_and(|p| p.ends_with(clause) && clause.ends_with('%'));
        let classified = match classify(clause, levels) {
            // The seed's `每降低10%，10%，…`: a bare fragment repeating the clause before it.
            None if repeats_last => Some((Clause::Repeat, "与前文重复，忽略".to_string())),
            Some((Clause::Range(r), _)) if repeats_last && r.bare => {
                Some((Clause::Repeat, "与前文重复，忽略".to_string()))
            }
            // The same step or deduction written twice; awards and bands may well repeat.
            Some((
                Clause::Step { .. } | Clause::Deduct { .. } | Clause::Floor | Clause::RoundUp,
                _,
            )) if previous.iter().any(|p| p == clause) => {
                Some((Clause::Repeat, "与前文重复，忽略".to_string()))
            }
            other => other,
        };
        let Some((kind, meaning)) = classified else {
            let level = (!is_zero(clause))
                .then(|| STEP.captures(clause))
                .flatten()
                .filter(|caps| caps.name("rest").is_some())
                .and_then(|caps| {
                    let unit = caps
                        .name("unit")
                        .map_or("个百分点", |m| m.as_str())
                        .to_string();
                    level_deduction(&caps).map(|w| (w.to_string(), unit))
                });
            let message = if let Some((word, unit)) = level {
                format!("无法理解的评分条款：没有写「每」，「{word}」后的数是一个界限（到了这个界限扣一次分），不是每档的大小；jixiao 不按一次性扣分计分。请写成分档（如「≥80%得满分，低于80%得7分」），或写每档扣分（如「每{word}1{unit}扣1分」）")
            } else if let Some(word) = change_before_number(clause) {
                let example = if [
                    "超期", "超时", "延迟", "延误", "延期", "推迟", "滞后", "逾期",
                ]
                .contains(&word)
                {
                    "「超过9月不得分」「超过30天不得分」"
                } else {
                    "「低于45%不得分」「超过5.5%不得分」"
                };
                format!("无法确定的分档条件：「{word}」后的数可以是比指标值{word}的幅度，也可以是实际值本身的界限，两种读法得分不同；请写实际值的界限（如{example}），或用规则表写明各档")
            } else if is_zero(clause) && !quantity_before_award(clause) {
                // `资金使用不规范的不得分`: a rider on another fact (一票否决).
                "无法理解的评分条款：「不得分」前写的条件不是「未达到指标值」，而是另一件事（如违规、事故、投诉），实际完成值说明不了它是否发生；jixiao 不能把它当作未达到指标值（那样每个差距都不得分），也不能不理它。请用规则表写明按实际完成值的计分方法（text 保留原文，见 targets-format.md 2.4）".to_string()
            } else if quantity_before_award(clause) && (is_zero(clause) || clause.contains("满分"))
            {
                // Read as "the target (not) met", the condition written in it would be dropped.
                "无法理解的评分条款：条款里写了自己的数量或期限条件（不是「达到目标值」），jixiao 不认识这种写法，不能当作达到或未达到指标值计分；请改写为已知写法（如「低于80%不得分」「达到目标值得满分」），或用规则表写明各档".to_string()
            } else {
                "无法理解的评分条款".to_string()
            };
            return Err(RuleError {
                fragment: clause.to_string(),
                position: at(offset),
                message,
                closest: closest(clause),
            });
        };
        previous.push(clause.to_string());
        // Show the clause as written, not as normalised.
        let first = char_pos(&kept, offset);
        let last = first + clause.chars().count().saturating_sub(1);
        let written: String = match (origin.get(first), origin.get(last)) {
            (Some(&a), Some(&b)) if b >= a => text.chars().skip(a - 1).take(b - a + 1).collect(),
            _ => clause.to_string(),
        };
        found.push((at(offset), written, kind, meaning));
    }
    if found.is_empty() {
        return Err(RuleError {
            fragment: String::new(),
            position: 1,
            message: "评分标准为空".into(),
            closest: closest(""),
        });
    }
    assemble(found)
}

fn error(position: usize, text: &str, message: &str) -> RuleError {
    RuleError {
        fragment: text.to_string(),
        position,
        message: message.to_string(),
        closest: closest(text),
    }
}

fn assemble(found: Vec<(usize, String, Clause, String)>) -> Result<ParsedRule, RuleError> {
    let mut lints = Vec::new();
    let mut direction = None;
    let mut full_words = false;
    let mut zero = false;
    let mut veto = false;
    let mut proportional_rule = false;
    let mut ratio_formula = false;
    let mut round_up = false;
    let mut proportional_steps = false;
    let mut stated_full: Option<Decimal> = None;
    let mut written_full: Option<(usize, String, Decimal)> = None;
    let mut steps: Vec<PendingStep> = Vec::new();
    let mut bands: Vec<(Range, Points)> = Vec::new();
    let mut bonus: Option<(Size, Decimal)> = None;
    let mut cap = None;
    let mut notes = Vec::new();
    let mut max_deduction = None;
    let mut free: Option<(usize, String, Decimal, String, bool, bool)> = None;
    let mut baseline = None;
    let mut levels: Vec<LevelAward> = Vec::new();
    let mut capped = false;
    // The first clause that awards full marks for the target met (`达到目标值得满分`), not a band.
    let mut met_full: Option<usize> = None;

    let mut k = 0;
    while k < found.len() {
        let (pos, text, clause, meaning) = &found[k];
        let next = found.get(k + 1).map(|f| &f.2);
        let meaning = match (clause, next) {
            (Clause::Condition(_), Some(Clause::Award(_) | Clause::FullMarks(_))) => {
                "满分条件（满足时得分）".to_string()
            }
            (Clause::Condition(_), Some(Clause::Zero)) => {
                "未达到的条件（满足时不得分）".to_string()
            }
            (
                Clause::Condition(_),
                Some(Clause::Step { .. } | Clause::Deduct { .. } | Clause::ProportionalRule { .. }),
            ) => "扣分的前提条件".to_string(),
            _ => meaning.clone(),
        };
        notes.push(ClauseNote {
            position: *pos,
            text: text.clone(),
            meaning,
        });
        match clause {
            Clause::FullMarks(d) => {
                full_words = true;
                met_full.get_or_insert(k);
                direction = direction.or(*d);
            }
            Clause::Condition(cmp) => {
                let good = match next {
                    Some(Clause::Award(_)) | Some(Clause::FullMarks(_)) => true,
                    Some(Clause::Zero) => false,
                    // `未按时完成的，每延迟1天扣0.2分`: the condition only introduces the step.
                    Some(
                        Clause::Step { .. }
                        | Clause::Deduct { .. }
                        | Clause::ProportionalRule { .. },
                    ) => {
                        k += 1;
                        continue;
                    }
                    _ => {
                        return Err(error(
                            *pos,
                            text,
                            "条件后面没有写得分（如「得满分」「不得分」）",
                        ))
                    }
                };
                let hint = match (cmp, good) {
                    (Some(Cmp::Ge | Cmp::Gt), true) | (Some(Cmp::Le | Cmp::Lt), false) => {
                        Some(Direction::Positive)
                    }
                    (Some(Cmp::Le | Cmp::Lt), true) | (Some(Cmp::Ge | Cmp::Gt), false) => {
                        Some(Direction::Reverse)
                    }
                    _ => None,
                };
                direction = direction.or(hint);
                if good {
                    full_words = true;
                    met_full.get_or_insert(k);
                    if let Some(Clause::Award(p)) = next {
                        let (_, t2, _, m2) = &found[k + 1];
                        notes.push(ClauseNote {
                            position: found[k + 1].0,
                            text: t2.clone(),
                            meaning: format!("{m2}（达到时的满分）"),
                        });
                        match p {
                            Points::Points(p) => stated_full = Some(*p),
                            Points::ShareOfWeight(_) => {}
                        }
                        k += 2;
                        continue;
                    }
                }
            }
            Clause::Award(p) => {
                // An award after full-marks words states the full marks (`达到目标值得满分` is
                // handled by FullMarks; `…,得6分` after a FullMarks clause).
                match p {
                    Points::Points(p) if full_words && stated_full.is_none() => {
                        stated_full = Some(*p)
                    }
                    _ => return Err(error(*pos, text, "得分条款前没有写条件")),
                }
            }
            Clause::Zero
                if matches!(
                    found.get(k.wrapping_sub(1)).map(|f| &f.2),
                    Some(Clause::Event)
                ) && k > 0 =>
            {
                veto = true
            }
            Clause::Zero => zero = true,
            Clause::Veto => veto = true,
            Clause::Event => {
                if !matches!(next, Some(Clause::Zero)) {
                    return Err(error(*pos, text, "事件条件后面没有写「不得分」"));
                }
            }
            Clause::Floor | Clause::Repeat => {
                if matches!(clause, Clause::Repeat) {
                    lints.push(format!("评分标准中「{text}」重复出现，已忽略重复的部分"));
                }
            }
            Clause::RoundUp => round_up = true,
            Clause::ProportionalSteps => proportional_steps = true,
            Clause::ProportionalRule { ratio } => {
                proportional_rule = true;
                ratio_formula |= ratio;
            }
            Clause::Step {
                side,
                size,
                deduct,
                proportional,
                beyond,
            } => {
                if steps.len() == 2 {
                    return Err(error(*pos, text, "一条评分标准中最多有两个「每…扣…」条款"));
                }
                proportional_steps |= *proportional;
                steps.push(PendingStep {
                    pos: *pos,
                    side: *side,
                    size: size.clone(),
                    deduct: *deduct,
                    text: compact(text),
                    beyond: *beyond,
                });
            }
            Clause::Deduct {
                deduct,
                proportional,
            } => {
                proportional_steps |= *proportional;
                match steps.last_mut() {
                    Some(PendingStep {
                        deduct: d @ None,
                        text: step_text,
                        ..
                    }) => {
                        *d = Some(*deduct);
                        step_text.push_str(&compact(text));
                    }
                    _ => return Err(error(*pos, text, "扣分条款前没有「每…」条款")),
                }
            }
            Clause::Cap => capped = true,
            Clause::StatedFull(n) => written_full = Some((*pos, text.clone(), *n)),
            Clause::MaxDeduction(n) => max_deduction = Some(*n),
            Clause::Free {
                amount,
                unit,
                both,
                level,
            } => {
                if *level {
                    baseline = baseline.or(Some(*amount));
                }
                free = Some((*pos, text.clone(), *amount, unit.clone(), *both, *level))
            }
            Clause::Baseline(n) => baseline = baseline.or(*n),
            Clause::Level(word, award) => {
                if levels.iter().any(|l| &l.word == word) {
                    return Err(error(*pos, text, "等级重复出现"));
                }
                levels.push(LevelAward {
                    word: word.clone(),
                    award: *award,
                });
            }
            Clause::Range(r) => {
                let award = match next {
                    Some(Clause::Award(p)) => *p,
                    Some(Clause::Zero) => Points::Points(Decimal::ZERO),
                    Some(Clause::FullMarks(_)) => Points::ShareOfWeight(Decimal::ONE_HUNDRED),
                    _ => return Err(error(*pos, text, "分档条件后面没有写得分（如「计5分」）")),
                };
                let (p2, t2, _, m2) = &found[k + 1];
                notes.push(ClauseNote {
                    position: *p2,
                    text: t2.clone(),
                    meaning: format!("{m2}（该档得分）"),
                });
                bands.push((r.clone(), award));
                k += 2;
                continue;
            }
            Clause::Band(r, p) => bands.push((r.clone(), *p)),
            Clause::Bonus { size, add } => bonus = Some((size.clone(), *add)),
            Clause::BonusCap(c) => {
                if bonus.is_none() {
                    return Err(error(*pos, text, "加分上限前没有加分条款"));
                }
                cap = Some(*c);
            }
        }
        k += 1;
    }

    let is_zero_award = |p: &Points| *p == Points::Points(Decimal::ZERO);
    let is_full_award = |p: &Points| *p == Points::ShareOfWeight(Decimal::ONE_HUNDRED);
    // `达到90%(含)以上得满分，每降低1个百分点扣0.5分`: with a step, a full-marks band only
    // restates the target, and a zero band (`低于80%不得分`) is a cut-off. Alone, zero bands
    // (`低于90%不得分`) are a cut-off too: below it nothing, otherwise the rest of the rule.
    // `及时率100%得满分，否则不得分`: a lone bare full-marks value is the target restated; it
    // must be the target itself (checked when the targets load).
    let scoring_bands: Vec<&(Range, Points)> =
        bands.iter().filter(|(_, p)| !is_zero_award(p)).collect();
    if let [(r, p)] = scoring_bands.as_slice() {
        if r.bare && is_full_award(p) {
            baseline = baseline.or(r.low.map(|b| b.value));
            full_words = true;
            bands.retain(|(r, _)| !r.bare);
        }
    }
    let mut cutoff_bands = Vec::new();
    let only_cuts = bands
        .iter()
        .all(|(_, p)| is_zero_award(p) || is_full_award(p));
    if !bands.is_empty()
        && only_cuts
        && (!steps.is_empty() || bands.iter().all(|(_, p)| is_zero_award(p)))
    {
        for (r, p) in bands.drain(..) {
            if is_full_award(&p) {
                let hint = match (r.low, r.high) {
                    (Some(_), None) => Some(Direction::Positive),
                    (None, Some(_)) => Some(Direction::Reverse),
                    _ => None,
                };
                direction = direction.or(hint);
                full_words = true;
                // `≥90%得满分，每降低1个百分点扣0.5分`: the steps count from 90%, which must be
                // the target (checked when the targets load), as with `以90%为基准`.
                if !steps.is_empty() {
                    baseline = baseline.or(r.low.or(r.high).map(|b| b.value));
                }
            } else {
                cutoff_bands.push((r, p));
            }
        }
    }
    let cutoff = if cutoff_bands.is_empty() {
        None
    } else {
        if let Some((r, _)) = cutoff_bands.iter().find(|(r, _)| r.bare) {
            let (pos, text, _, _) = &found[0];
            return Err(error(
                *pos,
                text,
                &format!(
                    "「{}{}」不得分：未写明是低于还是高于它（应写如「低于{}{}不得分」）",
                    plain(r.low.map_or(Decimal::ZERO, |b| b.value)),
                    r.unit,
                    plain(r.low.map_or(Decimal::ZERO, |b| b.value)),
                    r.unit
                ),
            ));
        }
        let mut no_full = None;
        let b = build_bands(cutoff_bands, &mut lints, &mut no_full, &found)?;
        // A cut-off's own gaps are the rest of the rule, not bands without points.
        lints.retain(|l| !l.starts_with("分档"));
        Some(b)
    };
    // `每降低1个百分点扣1分，发生重大责任事故不得分`: a veto on an event beside a way of scoring
    // the actual. Read as a veto it zeroed every shortfall; without it, the event would be
    // dropped. Which fact the actuals report cannot be known: refused.
    if veto
        && (!steps.is_empty()
            || !bands.is_empty()
            || !levels.is_empty()
            || proportional_rule
            || cutoff.is_some())
    {
        let (pos, text, _, _) = &found[0];
        return Err(error(
            *pos,
            text,
            "一条评分标准中既有否决条件（发生…不得分），又有按实际完成值扣分、分档或按比例计分的条款：否决的事件是另一件事，实际完成值说明不了它是否发生；请用规则表写明按实际完成值的计分方法（text 保留原文，见 targets-format.md 2.4）",
        ));
    }
    // `达到目标值得满分，按比例扣分` with no step for 按比例 to act on: the deduction in
    // proportion to the shortfall, 按完成比例计分 (it was dropped: any shortfall scored 0).
    if proportional_steps && steps.is_empty() {
        proportional_rule = true;
    }
    // `完成率95%以上得满分，否则按比例扣分`: bands and 按完成比例 are two ways of scoring the same
    // shortfall; bands alone scored 90% as 0 (9.47 by the proportion). `按完成比例计分，每减少1次
    // 扣2分` picked the steps. Which was meant cannot be known: refused.
    if proportional_rule && (!bands.is_empty() || !steps.is_empty() || !levels.is_empty() || zero) {
        let (pos, text, _, _) = &found[0];
        return Err(error(
            *pos,
            text,
            "一条评分标准中既按完成比例计分，又分档、按档扣分或写了「不得分」：两种计分方法对同一差距得分不同，不知道按哪一种；达到指标值得满分、否则按比例计分的，写「达到目标值得满分，否则按完成比例计分」，其余用规则表写明",
        ));
    }
    // `达到目标值得满分，否则不得分，每减少1次扣1分`: 0 for any shortfall, or a point per step?
    if zero && !steps.is_empty() {
        let (pos, text, _, _) = &found[0];
        return Err(error(
            *pos,
            text,
            "一条评分标准中既写了「否则不得分」（未达到即0分），又写了按档扣分：两者对同一差距得分不同，不知道按哪一种；请删去其中一种，或用规则表写明",
        ));
    }
    let mut step_text = String::new();
    let base = if veto {
        Base::Veto
    } else if !levels.is_empty() {
        if !bands.is_empty() || !steps.is_empty() {
            let (pos, text, _, _) = &found[0];
            return Err(error(
                *pos,
                text,
                "一条评分标准中不能既按等级计分又分档或扣分",
            ));
        }
        if levels.iter().all(|l| matches!(l.award, Points::Points(_))) {
            stated_full = levels
                .iter()
                .filter_map(|l| match l.award {
                    Points::Points(p) => Some(p),
                    Points::ShareOfWeight(_) => None,
                })
                .max();
        }
        Base::Levels(levels)
    } else if !bands.is_empty() {
        if let Some(st) = steps.first() {
            return Err(error(
                st.pos,
                &st.text,
                "一条评分标准中不能既分档计分又按档扣分",
            ));
        }
        // `达到目标值得满分，完成80%以上得8分…`: the full marks are for the target met, which is
        // no band; scored as bands it was dropped and the 8-point band became the full marks.
        if let Some(m) = met_full {
            let (pos, text, _, _) = &found[m];
            return Err(error(
                *pos,
                text,
                "分档计分的评分标准中「达到目标值得满分」这类条款不是一档（没有写区间），分档计分时读不进去：请把达到指标值写成一档，如「100%得满分，80%(含)-100%得8分，低于80%不得分」",
            ));
        }
        Base::Bands(build_bands(bands, &mut lints, &mut stated_full, &found)?)
    } else if !steps.is_empty() {
        let counting = if round_up {
            Some(Counting::RoundUp)
        } else if proportional_steps {
            Some(Counting::Proportional)
        } else {
            None
        };
        let mut built = Vec::new();
        // Two steps, one either side, say nothing of the direction.
        let two = steps.len() == 2;
        let (mut own_direction, mut own_lints) = (direction, Vec::new());
        for st in steps {
            step_text.push_str(&st.text);
            built.push(finish_step(
                st,
                counting,
                &free,
                &mut own_direction,
                &mut own_lints,
            )?);
        }
        if !two {
            direction = own_direction;
        }
        lints.extend(
            own_lints
                .into_iter()
                .filter(|l| !two || !l.contains("自相矛盾")),
        );
        match <[Step; 2]>::try_from(built) {
            Ok([a, b]) => two_sided(a, b, &found)?,
            Err(mut one) => Base::Step(one.remove(0)),
        }
    } else if zero {
        Base::AllOrNothing
    } else if proportional_rule {
        Base::Proportional
    } else if cutoff.is_some() {
        if full_words {
            lints.push(
                "评分标准只写了得满分和不得分的界限，界限以上、未达到指标值的部分按完成比例计分"
                    .into(),
            );
        }
        Base::Proportional
    } else if full_words || stated_full.is_some() {
        if bonus.is_none() {
            lints.push("评分标准只写了得满分的条件，未达到时按不得分处理".into());
        }
        Base::AllOrNothing
    } else if bonus.is_some() {
        Base::AllOrNothing
    } else if capped || max_deduction.is_some() {
        let (pos, text, _, _) = &found[0];
        return Err(error(
            *pos,
            text,
            "评分标准只写了得分或扣分的上限，没有写怎样得分或扣分",
        ));
    } else {
        let (pos, text, _, _) = &found[0];
        return Err(error(*pos, text, "评分标准没有写怎样得分或扣分"));
    };
    if free.is_some() && !matches!(base, Base::Step(_) | Base::TwoSided(..)) {
        let (pos, text, _, _, _, _) = free.as_ref().map_or(
            (0, String::new(), Decimal::ZERO, String::new(), false, false),
            |f| f.clone(),
        );
        return Err(error(
            pos,
            &text,
            "「…以内不扣分」后面没有写超出部分怎样扣分",
        ));
    }
    if let (Some(_), None) = (&bonus, cap) {
        let (pos, text, _, _) = found
            .iter()
            .find(|f| matches!(f.2, Clause::Bonus { .. }))
            .cloned()
            .unwrap_or_else(|| found[0].clone());
        return Err(error(
            pos,
            &text,
            "加分没有写上限，得分可能无限增加（应写如「加分不超过3分」）",
        ));
    }
    // `满分5分，每减少1次扣1分`: the full marks written on their own; another figure from the
    // bands or the award (`满分10分，≥95%得5分`) says two things.
    if let Some((pos, text, n)) = written_full {
        match stated_full {
            Some(f) if f != n => {
                return Err(error(
                    pos,
                    &text,
                    &format!(
                        "评分标准写明满分{}分，而得分条款的满分是{}分：不知道按哪一个",
                        plain(n),
                        plain(f)
                    ),
                ))
            }
            _ => stated_full = Some(n),
        }
    }
    if capped && bonus.is_some() {
        let (pos, text, _, _) = &found[0];
        return Err(error(
            *pos,
            text,
            "评分标准既写了加分，又写了得分不超过满分",
        ));
    }
    let bonus = bonus.map(|(size, add)| Bonus { size, add, cap });
    Ok(ParsedRule {
        rule: Rule {
            base,
            bonus,
            full: stated_full,
            cutoff,
            max_deduction,
        },
        baseline,
        direction,
        ratio_formula,
        step_text,
        clauses: notes,
        lints,
    })
}

/// A bare value (`100%得满分`) among bands means at least it when the other bands lie below it,
/// at most it when they lie above; alone or in between, it cannot be read either way.
fn settle_bare(
    mut bands: Vec<(Range, Points)>,
    found: &[(usize, String, Clause, String)],
) -> Result<Vec<(Range, Points)>, RuleError> {
    let others: Vec<(Option<Decimal>, Option<Decimal>)> = bands
        .iter()
        .filter(|(r, _)| !r.bare)
        .map(|(r, _)| (r.low.map(|b| b.value), r.high.map(|b| b.value)))
        .collect();
    for (r, _) in bands.iter_mut().filter(|(r, _)| r.bare) {
        let v = r.low.map_or(Decimal::ZERO, |b| b.value);
        let below = !others.is_empty()
            && others
                .iter()
                .all(|(lo, hi)| hi.is_some_and(|h| h <= v) && lo.is_none_or(|l| l < v));
        let above = !others.is_empty()
            && others
                .iter()
                .all(|(lo, hi)| lo.is_some_and(|l| l >= v) && hi.is_none_or(|h| h > v));
        if below {
            r.high = None;
        } else if above {
            r.low = None;
        } else {
            let (pos, text, _, _) = found
                .iter()
                .find(|f| matches!(&f.2, Clause::Band(b, _) | Clause::Range(b) if b.bare && b.low == r.low))
                .cloned()
                .unwrap_or_else(|| found[0].clone());
            return Err(error(
                pos,
                &text,
                &format!(
                    "「{v}{u}」未写明是「≥{v}{u}」还是「≤{v}{u}」（应写如「≥{v}{u}得满分」）",
                    v = plain(v),
                    u = r.unit
                ),
            ));
        }
        r.bare = false;
    }
    Ok(bands)
}

/// A `每…扣…` clause on its way to a [`Step`].
struct PendingStep {
    pos: usize,
    side: Side,
    size: Size,
    deduct: Option<Points>,
    text: String,
    /// `超过3%的部分…`.
    beyond: Option<Decimal>,
}

/// Settles a step: its deduction, counting, free part and what it says of the direction.
fn finish_step(
    st: PendingStep,
    counting: Option<Counting>,
    free: &Option<(usize, String, Decimal, String, bool, bool)>,
    direction: &mut Option<Direction>,
    lints: &mut Vec<String>,
) -> Result<Step, RuleError> {
    let PendingStep {
        pos,
        mut side,
        size,
        deduct,
        text,
        beyond,
    } = st;
    let Some(deduct) = deduct else {
        return Err(error(pos, &text, "「每…」条款后面没有写扣多少分"));
    };
    if size.amount.is_zero() {
        return Err(error(pos, &text, "每档的大小不能为0"));
    }
    let free_amount = match (free, beyond) {
        (Some((fpos, ftext, amount, unit, both, level)), beyond) => {
            let unit_ok = match &size.measure {
                Measure::Units(u) => {
                    unit.is_empty() || u == unit || (u == "个百分点" && unit == "%")
                }
                Measure::Percent | Measure::OfTarget => unit == "%" || unit.is_empty(),
            };
            if !unit_ok {
                return Err(error(
                    *fpos,
                    ftext,
                    "不扣分的范围与每档的单位不同，无法判断怎样计算",
                ));
            }
            if beyond.is_some_and(|b| b != *amount) {
                return Err(error(
                    pos,
                    &text,
                    "「超过…的部分」与「…以内不扣分」的数不同",
                ));
            }
            // `偏差率在±5%以内得满分，每超出1个百分点扣1分`: 超出 is beyond the two-sided
            // tolerance, not above the target (93% against =100% lost nothing).
            if *both
                && (side == Side::Worse
                    || (side == Side::Over && (text.contains("超出") || text.contains("超过"))))
            {
                side = Side::Both;
            }
            // The level is the target (checked when the targets load): nothing free beyond it.
            if *level {
                None
            } else {
                Some(*amount)
            }
        }
        (None, _) if BEYOND_FREE.is_match(&text) => {
            return Err(error(
                pos,
                &text,
                "「超过部分」没有写超过什么：前面没有「…以内不扣分」（应写如「偏差在3%以内不扣分，超过3%的部分每1%扣1分」）",
            ));
        }
        (None, beyond) => beyond,
    };
    if let (Some(d), Some(w)) = (*direction, side.direction()) {
        if d != w {
            lints.push(format!(
                "评分标准自相矛盾：满分条件为{}，扣分条款为{}",
                d.chinese(),
                w.chinese()
            ));
        }
    }
    *direction = side.direction().or(*direction);
    match deduct {
        Points::Points(p) | Points::ShareOfWeight(p) if p.is_zero() => {
            lints.push("每档扣0分：这条扣分永远不会扣分".into())
        }
        Points::ShareOfWeight(p) if p >= Decimal::ONE_HUNDRED => {
            lints.push(format!("每档扣分值的{}%：第一档就扣完全部分值", plain(p)))
        }
        _ => {}
    }
    Ok(Step {
        side,
        size,
        deduct,
        counting,
        free: free_amount,
    })
}

/// Two steps: one for a shortfall and one for an excess, or an error.
fn two_sided(
    a: Step,
    b: Step,
    found: &[(usize, String, Clause, String)],
) -> Result<Base, RuleError> {
    match (a.side, b.side) {
        (Side::Short, Side::Over) => Ok(Base::TwoSided(a, b)),
        (Side::Over, Side::Short) => Ok(Base::TwoSided(b, a)),
        _ => {
            let (pos, text, _, _) = found
                .iter()
                .filter(|f| matches!(f.2, Clause::Step { .. }))
                .nth(1)
                .cloned()
                .unwrap_or_else(|| found[0].clone());
            Err(error(
                pos,
                &text,
                "两个「每…扣…」条款须一个算低于指标值、一个算高于指标值（同一方向分两段扣分请用规则表写明）",
            ))
        }
    }
}

/// Checks bands: one unit, no gaps or overlaps (lints), and settles the stated full marks.
fn build_bands(
    bands: Vec<(Range, Points)>,
    lints: &mut Vec<String>,
    stated_full: &mut Option<Decimal>,
    found: &[(usize, String, Clause, String)],
) -> Result<Bands, RuleError> {
    let units: Vec<&str> = bands
        .iter()
        .map(|(r, _)| r.unit.as_str())
        .filter(|u| !u.is_empty())
        .collect();
    let unit = units.first().copied().unwrap_or("").to_string();
    if units.iter().any(|u| *u != unit) {
        let (pos, text, _, _) = &found[0];
        return Err(error(*pos, text, "各档的单位不一致"));
    }
    let bands = settle_bare(bands, found)?;
    let mut list: Vec<Band> = bands
        .iter()
        .map(|(r, award)| Band {
            low: r.low,
            high: r.high,
            award: *award,
        })
        .collect();
    for (k, (r, _)) in bands.iter().enumerate() {
        if !r.unmarked {
            continue;
        }
        // Unmarked `90%~100%`: lower end included, upper end too when no band lies above it.
        let top = r.high.map(|h| h.value);
        let covered_above = top.is_some_and(|t| {
            list.iter()
                .enumerate()
                .any(|(j, b)| j != k && b.contains(t))
        });
        if let (Some(h), false) = (list[k].high.as_mut(), covered_above) {
            h.inclusive = true;
        }
        lints.push(format!(
            "分档区间「{}」未注明端点是否含（含），按「{}」计",
            describe_range(r),
            super::range_label(list[k].low, list[k].high, &r.unit)
        ));
    }
    // Sort from the lowest band up and look at each neighbour pair.
    let mut sorted = list.clone();
    let key = |b: &Band| b.low.map(|l| l.value).unwrap_or(Decimal::MIN);
    sorted.sort_by_key(key);
    for pair in sorted.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        match (a.high, b.low) {
            (Some(h), Some(l))
                if h.value < l.value || (h.value == l.value && !h.inclusive && !l.inclusive) =>
            {
                lints.push(format!(
                    "分档有空档：{}{unit}到{}{unit}之间没有对应的得分；实际落在空档时无法计分（报错），请把分档写得首尾相接",
                    plain(h.value),
                    plain(l.value)
                ))
            }
            (Some(h), Some(l))
                if h.value > l.value || (h.value == l.value && h.inclusive && l.inclusive) =>
            {
                lints.push(format!(
                    "分档重叠：{}{unit}同时落入两档；实际恰好在重叠处、两档得分又不同时无法计分（报错），请写明端点（含）或（不含）",
                    plain(l.value)
                ))
            }
            (None, _) => lints.push(
                "分档层层包含（如「90%以上得10分，80%以上得8分」）：实际同时落在几档时按其中最窄的一档计".into(),
            ),
            _ => {}
        }
    }
    if let Some(l) = sorted.first().and_then(|b| b.low) {
        if l.value > Decimal::ZERO || (l.value.is_zero() && !l.inclusive) {
            let what = if l.inclusive {
                "低于"
            } else {
                "等于或低于"
            };
            lints.push(format!(
                "分档未写{what}{}{unit}的情况：实际落在这里时按0分计；如这一侧是好的一侧（越低越好），实际落在这里无法计分（报错）",
                plain(l.value)
            ));
        }
    }
    let max_points = list
        .iter()
        .filter_map(|b| match b.award {
            Points::Points(p) => Some(p),
            Points::ShareOfWeight(_) => None,
        })
        .max();
    if stated_full.is_none() && list.iter().all(|b| matches!(b.award, Points::Points(_))) {
        *stated_full = max_points;
    }
    Ok(Bands { unit, bands: list })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn step(text: &str) -> Step {
        match parse(text)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .rule
            .base
        {
            Base::Step(s) => s,
            other => panic!("{text}: not a step rule: {other:?}"),
        }
    }

    #[test]
    fn all_or_nothing_wordings() {
        for text in [
            "达到目标值得满分，否则不得分",
            "达到目标值得满分，否则不得分。",
            "社会治安秩序得到提高得满分，否则不得分",
            "及时支付得满分，否则不得分。",
            "开展专项整治行动得满分，否则不得分",
            "完成得满分，没有不得分",
        ] {
            assert_eq!(parse(text).unwrap().rule.base, Base::AllOrNothing, "{text}");
        }
    }

    #[test]
    fn stated_full_marks() {
        let r = parse("小于或等于年度目标值,得10分;大于目标值,不得分").unwrap();
        assert_eq!(r.rule.base, Base::AllOrNothing);
        assert_eq!(r.rule.full, Some(d("10")));
        assert_eq!(r.direction, Some(Direction::Reverse));
        let r = parse("达到年度目标值,得6分;小于目标值,不得分").unwrap();
        assert_eq!(r.rule.full, Some(d("6")));
        assert_eq!(r.direction, Some(Direction::Positive));
    }

    #[test]
    fn veto() {
        let r = parse("发生严重威胁社会治安秩序、人民群众生命财产安全的事件不得分。").unwrap();
        assert_eq!(r.rule.base, Base::Veto);
        assert_eq!(
            parse("发生安全责任事故的，不得分").unwrap().rule.base,
            Base::Veto
        );
    }

    #[test]
    fn steps() {
        let s = step("达到目标值得满分，每减少 1次扣50%权重分。");
        assert_eq!(
            (s.side, s.size.amount, s.size.measure),
            (Side::Short, d("1"), Measure::Units("次".into()))
        );
        assert_eq!(s.deduct, Points::ShareOfWeight(d("50")));
        assert_eq!(s.counting, None);
        let r = parse("达到目标值得满分，每减少总量10%，扣 20%权重分。").unwrap();
        assert_eq!(r.step_text, "每减少总量10%扣20%权重分");
        assert_eq!(
            step("每减少指标值 10%扣除分值 50%").size.measure,
            Measure::OfTarget
        );
        let s = step("每超过一个百分点扣0.5分,扣完为止");
        assert_eq!(
            (s.side, s.size.measure),
            (Side::Over, Measure::Units("个百分点".into()))
        );
        assert_eq!(s.deduct, Points::Points(d("0.5")));
        assert_eq!(step("每少一项扣1分").size.amount, d("1"));
        assert_eq!(step("缺一项扣0.5分").side, Side::Short);
        let s = step("每出现一例不符合要求的扣1分,扣完为止");
        assert_eq!(
            (s.side, s.size.measure),
            (Side::Over, Measure::Units("例".into()))
        );
        let s = step("每1%扣2分，不满1%按1%计算");
        assert_eq!((s.side, s.counting), (Side::Worse, Some(Counting::RoundUp)));
        assert_eq!(
            step("每降低10%，按比例扣减权重分的10%").counting,
            Some(Counting::Proportional)
        );
    }

    #[test]
    fn the_seeds_repeated_fragment_parses_with_a_lint() {
        let r = parse(
            "达到或超过目标，得权重分的100%，每降低10%，10%，按比例扣减权重分的10%，扣完为止",
        )
        .unwrap();
        let Base::Step(s) = &r.rule.base else {
            panic!()
        };
        assert_eq!(s.deduct, Points::ShareOfWeight(d("10")));
        assert_eq!(s.counting, Some(Counting::Proportional));
        assert_eq!(r.direction, Some(Direction::Positive));
        assert_eq!(
            r.lints,
            vec!["评分标准中「10%」重复出现，已忽略重复的部分".to_string()]
        );
    }

    #[test]
    fn bands() {
        let r =
            parse("≥90%,计5分;80%(含)-90%,计4分;70%(含)-80%,计3分;60%(含)-70%,计2分;低于60%不得分")
                .unwrap();
        let Base::Bands(b) = &r.rule.base else {
            panic!("{:?}", r.rule)
        };
        assert_eq!(b.unit, "%");
        assert_eq!(b.bands.len(), 5);
        assert_eq!(r.rule.full, Some(d("5")));
        assert!(r.lints.is_empty(), "{:?}", r.lints);
        assert!(b.bands[1].contains(d("80")));
        assert!(!b.bands[1].contains(d("90")));
        let r = parse("=0,计3分;0-10%(含),计2分;10%-20%(含),计1分;大于20%不得分").unwrap();
        let Base::Bands(b) = &r.rule.base else {
            panic!()
        };
        assert!(b.bands[0].contains(d("0")));
        assert!(!b.bands[1].contains(d("0")));
        assert!(b.bands[1].contains(d("10")));
    }

    #[test]
    fn band_gaps_are_linted() {
        let r = parse("≥90%,计5分;70%(含)-80%,计3分;低于70%不得分").unwrap();
        assert!(r.lints.iter().any(|l| l.contains("空档")), "{:?}", r.lints);
    }

    #[test]
    fn an_enumeration_comma_between_clauses() {
        let s = step("每减少1次扣1分、扣完为止");
        assert_eq!(s.deduct, Points::Points(d("1")));
        // …and inside a clause it stays part of it.
        let r = parse("发生严重威胁社会治安秩序、人民群众生命财产安全的事件不得分").unwrap();
        assert_eq!(r.clauses.len(), 1);
    }

    #[test]
    fn bonus() {
        let r = parse("达到目标值得满分，超额完成1个百分点加0.3分，加分不超过3分").unwrap();
        let b = r.rule.bonus.unwrap();
        assert_eq!(b.add, d("0.3"));
        assert_eq!(b.cap, Some(d("3")));
        assert_eq!(b.size.measure, Measure::Units("个百分点".into()));
    }

    #[test]
    fn proportional_rule() {
        for text in [
            "按完成比例计分",
            "未完成按比例扣分",
            "按完成比例计算得分,满分为止",
        ] {
            assert_eq!(parse(text).unwrap().rule.base, Base::Proportional, "{text}");
        }
    }

    #[test]
    fn unreadable_clause_is_located_with_the_closest_shapes() {
        let e = parse("达到目标值得满分，每逢佳节扣分").unwrap_err();
        assert_eq!(e.fragment, "每逢佳节扣分");
        assert_eq!(e.position, 10);
        assert_eq!(e.closest.len(), 3);
        let e = parse("达到目标值得满分， 随便扣").unwrap_err();
        assert_eq!((e.fragment.as_str(), e.position), ("随便扣", 11));
    }
}
