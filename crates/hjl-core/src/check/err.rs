//! Everything the checker rejects or warns about, each with a stable code.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A checker finding. Codes: E02xx names and declarations, E03xx rules and types, E04xx
/// units, E05xx headers and files, E06xx tests, W01xx warnings.
#[derive(Debug, Error, Diagnostic)]
pub(crate) enum CheckError {
    #[error("未知的名称 `{name}`")]
    #[diagnostic(code(E0201))]
    UnknownName {
        name: String,
        #[label("不是已声明的事实、定义或枚举值")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("事实 `{name}` 在词汇表 `{vocabulary}` 中声明，本文件没有导入它")]
    #[diagnostic(code(E0202))]
    NotImported {
        name: String,
        vocabulary: String,
        #[label("此处看不到")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("事实 `{name}` 已经声明过{elsewhere}")]
    #[diagnostic(
        code(E0203),
        help("每个事实只声明一次；几个文件共用的事实放在词汇表中")
    )]
    DuplicateFact {
        name: String,
        elsewhere: String,
        #[label("此处再次声明")]
        span: SourceSpan,
    },

    #[error("`{name}` 定义了两次")]
    #[diagnostic(code(E0204), help("给其中一个定义改名"))]
    DuplicateLet {
        name: String,
        #[label("第二次定义")]
        span: SourceSpan,
    },

    #[error("枚举值 `{name}` 在同一枚举中出现两次")]
    #[diagnostic(code(E0205))]
    DuplicateVariant {
        name: String,
        #[label("重复")]
        span: SourceSpan,
    },

    #[error("字段 `{name}` 在同一列表中出现两次")]
    #[diagnostic(code(E0206))]
    DuplicateField {
        name: String,
        #[label("重复")]
        span: SourceSpan,
    },

    #[error("未知的类型 `{name}`")]
    #[diagnostic(code(E0207))]
    UnknownType {
        name: String,
        #[label("不是类型")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{name}` 没有中文名称")]
    #[diagnostic(code(E0208), help("加上检查人员看到的中文名称，如 `\"检查日期\"`"))]
    MissingLabel {
        name: String,
        #[label("需要中文名称")]
        span: SourceSpan,
    },

    #[error("列表的字段不能又是列表")]
    #[diagnostic(code(E0209), help("把内层的列表声明为单独的事实"))]
    NestedList {
        #[label("嵌套的列表")]
        span: SourceSpan,
    },

    #[error("`{name}` 是列表中的一项，不是一个取值")]
    #[diagnostic(code(E0210))]
    ElementWithoutField {
        name: String,
        #[label("请写出它的一个字段")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{list}` 没有字段 `{field}`")]
    #[diagnostic(code(E0211))]
    UnknownField {
        field: String,
        list: String,
        #[label("没有这个字段")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("推算的事实 `{name}` 依赖它自身")]
    #[diagnostic(code(E0213), help("请由其他事实推算；推算不能直接或间接用到它自身"))]
    CyclicDerivation {
        name: String,
        #[label("由自身推算")]
        span: SourceSpan,
    },

    #[error("{message}")]
    #[diagnostic(code(E0214))]
    BadBound {
        message: String,
        #[label("这个界限")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("定义 `{name}` 用到了它自身")]
    #[diagnostic(code(E0212), help("定义不能直接或间接用到它自身"))]
    CyclicLet {
        name: String,
        #[label("在它自己的定义中被用到")]
        span: SourceSpan,
    },

    #[error("条款 `{number}` 在本标准中出现两次")]
    #[diagnostic(code(E0301), help("条款号取自标准原文，不能重复"))]
    DuplicateClause {
        number: String,
        #[label("第二个同号的条款")]
        span: SourceSpan,
    },

    #[error("此处应为条件，实为{found}")]
    #[diagnostic(code(E0302))]
    ExpectedBool {
        found: String,
        #[label("这是{found}，不是成立与否的判断")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("不能比较{left}与{right}")]
    #[diagnostic(code(E0303))]
    Incomparable {
        left: String,
        right: String,
        #[label("{left} {op} {right}")]
        span: SourceSpan,
        op: String,
        #[help]
        help: Option<String>,
    },

    #[error("{kind}没有大小之分")]
    #[diagnostic(code(E0304), help("请用 `==`、`!=` 或 `in [...]`"))]
    Unordered {
        kind: String,
        #[label("`{op}` 只能用于数字、数量或日期")]
        span: SourceSpan,
        op: String,
    },

    #[error("`{word}` 不是可选的值：{choices}")]
    #[diagnostic(code(E0305))]
    UnknownVariant {
        word: String,
        choices: String,
        #[label("没有这个值")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("{left}和{right}不能做 `{op}` 运算")]
    #[diagnostic(code(E0306))]
    BadArithmetic {
        op: String,
        left: String,
        right: String,
        #[label("不能这样运算")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`in` 后面要写方括号括起的列表")]
    #[diagnostic(code(E0307), help("写作 `x in [a, b]`"))]
    InNeedsList {
        #[label("不是方括号括起的列表")]
        span: SourceSpan,
    },

    #[error("未知的函数 `{name}`")]
    #[diagnostic(code(E0308))]
    UnknownFunction {
        name: String,
        #[label("不是函数")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("{count} 个条件中至少 {n} 个成立，这永远做不到")]
    #[diagnostic(code(E0309), help("要求成立的个数不能超过条件的个数"))]
    AtLeastTooMany {
        n: u32,
        count: usize,
        #[label("要求的个数过多")]
        span: SourceSpan,
    },

    #[error("此处应为列表，实为{found}")]
    #[diagnostic(code(E0310))]
    ExpectedList {
        found: String,
        #[label("不是列表")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{func}` 要用于列表的字段，如 `{func}(furnaces.capacity)`")]
    #[diagnostic(code(E0311))]
    AggregateNeedsField {
        func: String,
        #[label("不是列表的字段")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("推算得到的是{found}，但这个事实声明为{expected}")]
    #[diagnostic(code(E0314), help("推算出声明的类型，或修改声明的类型"))]
    DerivationType {
        found: String,
        expected: String,
        #[label("在此推算")]
        span: SourceSpan,
    },

    #[error("条款 `{number}` 永远不会判定为重大隐患")]
    #[diagnostic(
        code(E0312),
        help("加上 `major when 条件`，或把条款写成 `pending \"原因\"`")
    )]
    NoMajorRule {
        number: String,
        #[label("没有 `major when`")]
        span: SourceSpan,
    },

    #[error("{found}不能{what}")]
    #[diagnostic(code(E0313))]
    BadOperand {
        what: String,
        found: String,
        #[label("{found}")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("不能比较{left}与{right}")]
    #[diagnostic(code(E0401))]
    DimensionMismatch {
        left: String,
        right: String,
        #[label("计量的不是同一种量")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("不带单位的数字与{dimension}比较")]
    #[diagnostic(code(E0402))]
    MissingUnit {
        dimension: String,
        #[label("缺少单位")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("未知的单位 `{unit}`")]
    #[diagnostic(code(E0403))]
    UnknownUnit {
        unit: String,
        #[label("不是单位")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("单位 `{unit}` 计量的是{actual}，不是{expected}")]
    #[diagnostic(code(E0404))]
    WrongUnit {
        unit: String,
        actual: String,
        expected: String,
        #[label("计量的量不对")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("文件缺少 `standard` 或 `vocabulary` 文件头")]
    #[diagnostic(
        code(E0501),
        help("文件要以 `standard 名称 \"标题\" {{ ... }}` 或 `vocabulary 名称 \"标题\"` 开头")
    )]
    NoHeader {
        #[label("文件的第一项，前面没有文件头")]
        span: SourceSpan,
    },

    #[error("一个文件只能有一个标准或一个词汇表")]
    #[diagnostic(code(E0502), help("每个标准版本单独放一个文件"))]
    SecondHeader {
        #[label("第二个文件头")]
        span: SourceSpan,
    },

    #[error("标准 `{name}` 缺少 `{entry}`")]
    #[diagnostic(code(E0503))]
    MissingHeaderEntry {
        name: String,
        entry: String,
        #[label("文件头不完整")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("文件头中 `{entry}` 写了两次")]
    #[diagnostic(code(E0504), help("只保留一个"))]
    RepeatedHeaderEntry {
        entry: String,
        #[label("重复")]
        span: SourceSpan,
    },

    #[error("词汇表中不能有{what}")]
    #[diagnostic(code(E0505), help("词汇表只声明事实；规则和测试写在标准文件中"))]
    RulesInVocabulary {
        what: String,
        #[label("词汇表中不允许")]
        span: SourceSpan,
    },

    #[error("未知的词汇表 `{name}`")]
    #[diagnostic(code(E0506))]
    UnknownImport {
        name: String,
        #[label("已加载的词汇表中没有这个名称")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("标准 `{name}` 有两个版本都自 {date} 起施行")]
    #[diagnostic(code(E0507), help("每个版本要有各自的 `effective` 日期"))]
    DuplicateVersion {
        name: String,
        date: String,
        #[label("与另一版本的施行日期相同")]
        span: SourceSpan,
    },

    #[error("废止日期 {superseded} 不晚于施行日期 {effective}")]
    #[diagnostic(code(E0508), help("`superseded` 的日期必须晚于 `effective` 的日期"))]
    SupersededBeforeEffective {
        superseded: String,
        effective: String,
        #[label("日期过早")]
        span: SourceSpan,
    },

    #[error("标准 `{name}` 不能由它自己接替")]
    #[diagnostic(
        code(E0509),
        help("`in 名称` 写的是接替本版本的另一项标准；同一标准的新版本不用写 `in`")
    )]
    SucceededBySelf {
        name: String,
        #[label("本文件头声明的标准")]
        span: SourceSpan,
    },

    #[error("未知的预期结果 `{word}`")]
    #[diagnostic(code(E0601))]
    UnknownOutcome {
        word: String,
        #[label("不是判定结果")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("本标准中没有条款 `{number}`")]
    #[diagnostic(code(E0602))]
    UnknownClause {
        number: String,
        #[label("没有这个条款")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("{message}")]
    #[diagnostic(code(E0603))]
    BadGiven {
        message: String,
        #[label("在这个测试的记录中")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("测试 `{name}` 没有写预期结果")]
    #[diagnostic(code(E0606), help("加上 `expect major [...]` 或其他预期结果"))]
    EmptyTest {
        name: String,
        #[label("没有预期结果")]
        span: SourceSpan,
    },

    #[error("事实 `{name}` 没有被本文件的规则用到")]
    #[diagnostic(code(W0101), severity(Warning), help("在条款中用到它，或删去这个声明"))]
    UnusedFact {
        name: String,
        #[label("在此声明")]
        span: SourceSpan,
    },

    #[error("`{written}` 与 `{fact}` 声明的单位 `{declared}` 相差一千倍")]
    #[diagnostic(code(W0102), severity(Warning))]
    UnitScale {
        written: String,
        declared: String,
        fact: String,
        #[label("这个阈值")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("这个条件{what}")]
    #[diagnostic(
        code(W0103),
        severity(Warning),
        help("请对照标准原文和事实的取值范围，检查运算符和阈值")
    )]
    Vacuous {
        what: String,
        #[label("此处")]
        span: SourceSpan,
    },

    #[error("条款 {number} 与条款 {twin} 的条件相同")]
    #[diagnostic(
        code(W0104),
        severity(Warning),
        help("标准中的两种情形，规则上总该有所不同；请对照原文检查这两条")
    )]
    SameConditions {
        number: String,
        twin: String,
        #[label("适用范围、前提条件和 `major` 行都与 {twin} 相同")]
        span: SourceSpan,
    },

    #[error("条款 {number} 缺少{missing}")]
    #[diagnostic(code(W0105), severity(Warning))]
    UntestedClause {
        number: String,
        missing: String,
        #[label("这个条款")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("规则文件中什么也没有")]
    #[diagnostic(
        code(W0107),
        severity(Warning),
        help("写上 `standard` 或 `vocabulary` 文件头和其下的声明，或删去这个文件")
    )]
    EmptyFile {
        #[label("文件为空，或只有注释")]
        span: SourceSpan,
    },

    #[error("事实 `{name}` 被规则用到，但没有测试给出它")]
    #[diagnostic(
        code(W0106),
        severity(Warning),
        help("把它加到某个测试的 `given` 记录中，让测试覆盖用到它的规则")
    )]
    UntestedFact {
        name: String,
        #[label("在此声明")]
        span: SourceSpan,
    },
}

impl CheckError {
    /// Whether this is a warning (a lint): the file still compiles.
    pub(crate) fn is_warning(&self) -> bool {
        matches!(
            self,
            CheckError::UnusedFact { .. }
                | CheckError::EmptyFile { .. }
                | CheckError::UnitScale { .. }
                | CheckError::Vacuous { .. }
                | CheckError::SameConditions { .. }
                | CheckError::UntestedClause { .. }
                | CheckError::UntestedFact { .. }
        )
    }
}
