//! Amendment operations read from instruction lists: wording boundaries,
//! contexts, paths, scope, and the phrasings in the grammar data.

use crate::util::grammar;
use reglament::Source;
use reglament::{Amendment, Document, Op, Scope};

const RU_HEAD: &str = "**О внесении изменений в постановление акимата Западно-Казахстанской области от 10 марта 2016 года № 50 \"Об утверждении регламентов государственных услуг\"**\n\n\
Постановление акимата Западно-Казахстанской области от 5 мая 2017 года № 90.\n\n\
Акимат Западно-Казахстанской области **ПОСТАНОВЛЯЕТ**:\n\n\
1. Внести в постановление акимата Западно-Казахстанской области от 10 марта 2016 года № 50 \"Об утверждении регламентов государственных услуг\" следующие изменения:\n\n";

const RU_TAIL: &str = "\n\n2. Настоящее постановление вводится в действие со дня его первого официального опубликования.\n";

const KK_HEAD: &str = "**Батыс Қазақстан облысы әкімдігінің 2016 жылғы 10 наурыздағы № 50 \"Мемлекеттік көрсетілетін қызметтер регламенттерін бекіту туралы\" қаулысына өзгерістер енгізу туралы**\n\n\
Батыс Қазақстан облысы әкімдігінің 2017 жылғы 5 мамырдағы № 90 қаулысы.\n\n\
Батыс Қазақстан облысының әкімдігі **ҚАУЛЫ ЕТЕДІ**:\n\n\
1. Батыс Қазақстан облысы әкімдігінің 2016 жылғы 10 наурыздағы № 50 \"Мемлекеттік көрсетілетін қызметтер регламенттерін бекіту туралы\" қаулысына мынадай өзгерістер енгізілсін:\n\n";

const KK_TAIL: &str =
    "\n\n2. Осы қаулы алғашқы ресми жарияланған күнінен бастап қолданысқа енгізіледі.\n";

/// Parse an act whose first point amends act № 50 with `instructions`
/// (paragraphs separated by blank lines).
fn parse(head: &str, instructions: &str, tail: &str) -> Document {
    let text = format!("{head}{instructions}{tail}");
    let source = Source::from_bytes("test.md", text.into_bytes()).expect("decodes");
    reglament::document(&source, grammar())
}

fn ru(instructions: &str) -> Document {
    parse(RU_HEAD, instructions, RU_TAIL)
}

fn kk(instructions: &str) -> Document {
    parse(KK_HEAD, instructions, KK_TAIL)
}

/// "unit n, n / unit n" for an operation's path.
fn path(a: &Amendment) -> String {
    a.path
        .iter()
        .map(|p| {
            let n: Vec<&str> = p.numbers.iter().map(|n| n.value.as_str()).collect();
            format!("{:?} {}", p.unit.value, n.join(", ")).to_lowercase()
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

fn codes(doc: &Document) -> Vec<&str> {
    doc.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

#[test]
fn a_closed_wording_ends_at_its_closing_quote() {
    let doc = ru("пункт 1 изложить в следующей редакции:\n\n\
         \"1. Утвердить прилагаемые регламенты:\n\n\
         1) \"Регистрация лиц, ищущих работу\";\n\n\
         2) \"Выдача справок\".\";\n\n\
         пункт 2 исключить.");
    let [first, second] = doc.amendments.as_slice() else {
        panic!("{:#?}", doc.amendments);
    };
    assert_eq!(
        first.text.as_ref().map(|t| t.value.as_str()),
        Some(
            "1. Утвердить прилагаемые регламенты: 1) \"Регистрация лиц, ищущих работу\"; 2) \"Выдача справок\"."
        )
    );
    assert_eq!(
        (second.op.value, path(second)),
        (Op::Delete, "point 2".into())
    );
    assert!(!codes(&doc).contains(&"amendment-wording-unclosed"));
}

#[test]
fn an_unclosed_wording_stops_before_the_next_instruction() {
    // The source lost the wording's closing quote (Atbasar № 8С 37/5).
    let doc = ru("пункт 1 изложить в новой редакции:\n\n\
         \"1. Утвердить бюджет на 2026-2028 годы в следующих объемах:\n\n\
         1) доходы – 33 143,0 тысячи тенге;\n\n\
         приложение 1 к указанному постановлению изложить в новой редакции согласно приложению к настоящему постановлению.");
    let [first, second] = doc.amendments.as_slice() else {
        panic!("{:#?}", doc.amendments);
    };
    let text = first.text.as_ref().map(|t| t.value.as_str()).unwrap_or("");
    assert!(text.ends_with("33 143,0 тысячи тенге"), "{text}");
    assert_eq!(
        (second.op.value, path(second)),
        (Op::Replace, "appendix 1".into())
    );
    assert!(codes(&doc).contains(&"amendment-wording-unclosed"));
}

#[test]
fn an_unclosed_wording_stops_before_the_next_point() {
    let doc = ru("пункт 1 изложить в новой редакции:\n\n\
         \"1. Утвердить бюджет на 2026-2028 годы;");
    let [only] = doc.amendments.as_slice() else {
        panic!("{:#?}", doc.amendments);
    };
    let text = only.text.as_ref().map(|t| t.value.as_str()).unwrap_or("");
    assert!(!text.contains("Настоящее постановление"), "{text}");
    assert!(codes(&doc).contains(&"amendment-wording-unclosed"));
    // The act's own last point is still read.
    assert!(doc.act.entry_into_force.is_some());
}

#[test]
fn contexts_nest_and_reset() {
    let doc = ru("в приложении 2:\n\n\
         в пункте 3:\n\n\
         подпункт 1) исключить;\n\n\
         в пункте 4:\n\n\
         подпункт 2) исключить;\n\n\
         пункт 7 исключить.");
    let got: Vec<String> = doc.amendments.iter().map(path).collect();
    assert_eq!(
        got,
        [
            "appendix 2 / point 3 / subpoint 1)",
            "appendix 2 / point 4 / subpoint 2)",
            "appendix 2 / point 7",
        ]
    );
}

#[test]
fn an_unreadable_context_leaves_its_operations_without_a_path() {
    let doc = ru("в абзаце втором пункта 5:\n\n\
         подпункт 1) исключить;\n\n\
         в пункте 6:\n\n\
         подпункт 2) исключить.");
    let got: Vec<String> = doc.amendments.iter().map(path).collect();
    // Not "point 5 / subpoint 1)": the paragraph is not known.
    assert_eq!(got, ["", "point 6 / subpoint 2)"]);
    assert!(codes(&doc).contains(&"amendment-path-unresolved"));
}

#[test]
fn an_operation_word_in_quotes_is_not_the_operation() {
    let doc = ru("в пункте 1 слова \"исключить из списка\" заменить словами \"внести в список\";");
    let [only] = doc.amendments.as_slice() else {
        panic!("{:#?}", doc.amendments);
    };
    assert_eq!(only.op.value, Op::Replace);
    assert_eq!(only.scope, Scope::Words);
    assert_eq!(path(only), "point 1");
}

#[test]
fn only_a_regulation_named_alone_is_restated_whole() {
    let doc = ru(
        "регламент государственной услуги \"Регистрация лиц, ищущих работу\" изложить в новой редакции согласно приложению 1 к настоящему постановлению;\n\n\
         регламент государственной услуги \"Выдача справок\" дополнить пунктом 5-1 следующего содержания:\n\n\
         \"5-1. Услуга оказывается бесплатно.\".",
    );
    let whole: Vec<bool> = doc.amendments.iter().map(|a| a.whole_regulation).collect();
    assert_eq!(whole, [true, false]);
    assert_eq!(path(&doc.amendments[1]), "point 5-1");
}

#[test]
fn repeal_phrasing_inside_an_instruction_list_deletes() {
    let doc = ru("подпункт 3) пункта 1 признать утратившим силу;\n\n\
         пункты 4 и 5 признать утратившими силу.");
    let got: Vec<(Op, String)> = doc
        .amendments
        .iter()
        .map(|a| (a.op.value, path(a)))
        .collect();
    assert_eq!(
        got,
        [
            (Op::Delete, "point 1 / subpoint 3)".into()),
            (Op::Delete, "point 4, 5".into())
        ]
    );
}

#[test]
fn decimal_point_numbers_are_one_number() {
    let doc = ru("пункт 2.1 изложить в следующей редакции:\n\n\"2.1. Срок – 5 рабочих дней.\".");
    let [only] = doc.amendments.as_slice() else {
        panic!("{:#?}", doc.amendments);
    };
    assert_eq!(path(only), "point 2.1");
}

#[test]
fn kazakh_phrasings_from_the_grammar() {
    let doc = kk("мынадай мазмұндағы 5-1-тармақпен толықтырылсын:\n\n\
         \"5-1. Қызмет тегін көрсетіледі.\";\n\n\
         3-бабы алып тасталсын;\n\n\
         7-тармақтың күші жойылды деп танылсын;\n\n\
         2-тармақтағы \"күнтізбелік\" деген сөз \"жұмыс\" деген сөзбен ауыстырылсын.");
    let got: Vec<(Op, String, Scope)> = doc
        .amendments
        .iter()
        .map(|a| (a.op.value, path(a), a.scope))
        .collect();
    assert_eq!(
        got,
        [
            (Op::Insert, "point 5-1".into(), Scope::Provision),
            (Op::Delete, "article 3".into(), Scope::Provision),
            (Op::Delete, "point 7".into(), Scope::Provision),
            (Op::Replace, "point 2".into(), Scope::Words),
        ]
    );
}
