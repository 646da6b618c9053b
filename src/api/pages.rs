//! The web page for legal staff, server-rendered (minijinja templates, no
//! scripts), in Russian and Kazakh (`?ui=ru|kk`): search with status
//! badges, an act's page (status as of a date, lineage, regulations with
//! their procedures, consolidated text), a diff page, and a source view
//! where every extracted value's span is highlighted — the provenance
//! users trust.
//!
//! Handlers build plain JSON contexts from the same functions the API
//! uses; the templates only lay them out.

use super::error::{ApiError, IdPath, Params};
use super::v1::{act_documents, date, read_source, regulation, run_search, two_ids};
use super::{AppState, Live};
use crate::record::{Document, DurationUnit, Language, Procedure, Regulation};
use crate::registry::{NodeKind, Registry, label};
use axum::Router;
use axum::extract::{OriginalUri, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use minijinja::Environment;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

type Shared = State<Arc<AppState>>;

/// The page routes.
pub fn routes() -> Router<Live> {
    Router::new()
        .route("/", get(search_page))
        .route("/acts/{*id}", get(act_page))
        .route("/source/{*id}", get(source_page))
        .route("/diff", get(diff_page))
        .route("/static/style.css", get(stylesheet))
}

const TEMPLATES: [(&str, &str); 7] = [
    ("base.html", include_str!("templates/base.html")),
    ("macros.html", include_str!("templates/macros.html")),
    ("search.html", include_str!("templates/search.html")),
    ("act.html", include_str!("templates/act.html")),
    ("source.html", include_str!("templates/source.html")),
    ("diff.html", include_str!("templates/diff.html")),
    ("error.html", include_str!("templates/error.html")),
];

/// The templates, compiled once. A template that does not compile is a
/// build defect: the tests render every page.
fn templates() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        for (name, source) in TEMPLATES {
            if let Err(e) = env.add_template(name, source) {
                tracing::error!("template {name}: {e}");
            }
        }
        env
    })
}

/// The page's words in both languages (`templates/ui.toml`).
fn words() -> &'static BTreeMap<String, BTreeMap<String, String>> {
    static WORDS: OnceLock<BTreeMap<String, BTreeMap<String, String>>> = OnceLock::new();
    WORDS.get_or_init(|| {
        toml::from_str(include_str!("templates/ui.toml")).unwrap_or_else(|e| {
            tracing::error!("templates/ui.toml: {e}");
            BTreeMap::new()
        })
    })
}

/// The page's language and the request it answers.
struct Ui {
    lang: &'static str,
    uri: axum::http::Uri,
}

impl Ui {
    fn of(params: &Params, uri: axum::http::Uri) -> Ui {
        let lang = if params.get("ui") == Some("kk") {
            "kk"
        } else {
            "ru"
        };
        Ui { lang, uri }
    }

    /// A word of the page's language.
    fn t(&self, key: &str) -> String {
        words()
            .get(self.lang)
            .and_then(|w| w.get(key))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// The current page in each language.
    fn langs(&self) -> Value {
        let links: Vec<Value> = ["ru", "kk"]
            .iter()
            .map(|code| {
                let name = words()
                    .get(*code)
                    .and_then(|w| w.get("lang_name"))
                    .cloned()
                    .unwrap_or_default();
                json!({"code": code, "name": name, "href": with(&self.uri, &[("ui", code)])})
            })
            .collect();
        Value::Array(links)
    }

    /// Render a template with the shared context added.
    fn render(&self, name: &str, status: StatusCode, mut ctx: Value) -> Response {
        if let Value::Object(map) = &mut ctx {
            map.insert("lang".into(), json!(self.lang));
            map.insert("t".into(), json!(words().get(self.lang)));
            map.insert("langs".into(), self.langs());
        }
        let html = templates().get_template(name).and_then(|t| t.render(&ctx));
        match html {
            Ok(html) => (status, Html(html)).into_response(),
            Err(e) => {
                tracing::error!("rendering {name}: {e:#}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Html("internal error".to_string()),
                )
                    .into_response()
            }
        }
    }

    /// A page, or its error as a page with the error's status.
    fn page(&self, name: &str, ctx: Result<Value, ApiError>) -> Response {
        match ctx {
            Ok(ctx) => self.render(name, StatusCode::OK, ctx),
            Err(e) => {
                let status = StatusCode::from_u16(e.status).unwrap_or(StatusCode::BAD_REQUEST);
                let ctx = json!({"status": e.status, "message": e.message});
                self.render("error.html", status, ctx)
            }
        }
    }

    /// A link that keeps the page's language.
    fn link(&self, path: &str, query: &[(&str, &str)]) -> String {
        let mut pairs: Vec<(&str, &str)> = query.to_vec();
        pairs.push(("ui", self.lang));
        let q = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        format!("{path}?{q}")
    }

    /// An act's kind word with its date and number, in the language's
    /// order.
    fn act_phrase(&self, kind: &str, n: &crate::registry::Node) -> String {
        let date = n.facts.date.map(|d| {
            let iso = d.to_string();
            let mut parts = iso.split('-');
            match (parts.next(), parts.next(), parts.next()) {
                (Some(y), Some(m), Some(d)) => format!("{d}.{m}.{y}"),
                _ => iso.clone(),
            }
        });
        let number = n.facts.number.as_ref().map(|x| format!("№ {x}"));
        let tail: Vec<String> = match self.lang {
            "kk" => [date, number, Some(kind.to_string())]
                .into_iter()
                .flatten()
                .collect(),
            _ => [
                Some(kind.to_string()),
                date.map(|d| format!("от {d}")),
                number,
            ]
            .into_iter()
            .flatten()
            .collect(),
        };
        tail.join(" ")
    }

    /// A record's value for people: a code of an enumeration in words, a
    /// composite as its text as written (or its parts joined).
    fn display(&self, v: &Value) -> String {
        match v {
            Value::Null => String::new(),
            Value::String(s) => words()
                .get(self.lang)
                .and_then(|w| w.get(&format!("v_{s}")))
                .cloned()
                .unwrap_or_else(|| s.clone()),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            Value::Array(items) => {
                let parts: Vec<String> = items
                    .iter()
                    .map(|v| self.display(v))
                    .filter(|s| !s.is_empty())
                    .collect();
                parts.join("; ")
            }
            Value::Object(map) => match map.get("text") {
                Some(text) => self.display(text),
                None => {
                    let parts: Vec<String> = map
                        .values()
                        .map(|v| self.display(v))
                        .filter(|s| !s.is_empty())
                        .collect();
                    parts.join(", ")
                }
            },
        }
    }

    /// An act's page.
    fn act_href(&self, id: &str) -> String {
        self.link(&format!("/acts{id}"), &[])
    }
}

/// `uri` with some parameters set (an empty value removes one), and the
/// page reset to the first where filters change.
fn with(uri: &axum::http::Uri, set: &[(&str, &str)]) -> String {
    let mut pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(uri.query().unwrap_or_default()).unwrap_or_default();
    pairs.retain(|(k, v)| !v.is_empty() && !set.iter().any(|(s, _)| s == k));
    if !set.iter().any(|(k, _)| *k == "page" || *k == "ui") {
        pairs.retain(|(k, _)| k != "page");
    }
    pairs.extend(
        set.iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.to_string(), v.to_string())),
    );
    let q = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    format!("{}?{q}", uri.path())
}

async fn stylesheet() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        include_str!("templates/style.css"),
    )
        .into_response()
}

// ---------------------------------------------------------------- search

async fn search_page(State(s): Shared, OriginalUri(uri): OriginalUri, params: Params) -> Response {
    let ui = Ui::of(&params, uri);
    let filters: BTreeMap<&str, &str> = [
        "status", "as_of", "lang", "level", "region", "year", "kind", "body", "service",
    ]
    .into_iter()
    .filter_map(|k| params.get(k).map(|v| (k, v)))
    .collect();
    let q = params.get("q").unwrap_or_default();
    let mut ctx = json!({"q": q, "f": filters});
    if q.is_empty() && filters.is_empty() {
        return ui.render("search.html", StatusCode::OK, ctx);
    }
    match run_search(&s, &params) {
        Ok(results) => {
            if let Value::Object(map) = &mut ctx {
                map.insert("groups".into(), groups(&s.registry, &ui, &results));
                map.insert("facets".into(), facets(&ui, &results.facets, &filters));
                let page = results.page;
                if page > 1 {
                    map.insert(
                        "prev".into(),
                        json!(with(&ui.uri, &[("page", &(page - 1).to_string())])),
                    );
                }
                if (page as u64) * (results.per_page as u64) < results.groups as u64 {
                    map.insert(
                        "next".into(),
                        json!(with(&ui.uri, &[("page", &(page + 1).to_string())])),
                    );
                }
                map.insert("results".into(), json!(results));
            }
            ui.render("search.html", StatusCode::OK, ctx)
        }
        Err(e) => {
            if let Value::Object(map) = &mut ctx {
                map.insert("error".into(), json!(e.message));
            }
            let status = StatusCode::from_u16(e.status).unwrap_or(StatusCode::BAD_REQUEST);
            ui.render("search.html", status, ctx)
        }
    }
}

/// Hits grouped by act, in rank order, each group with its badge.
fn groups(r: &Registry, ui: &Ui, results: &crate::index::Results) -> Value {
    let mut out: Vec<Value> = Vec::new();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for h in &results.hits {
        let slot = *index.entry(h.act_id.as_str()).or_insert_with(|| {
            let by = h.status_by.as_deref();
            out.push(json!({
                "act": node_label(r, ui, &h.act_id),
                "href": ui.act_href(&h.act_id),
                "status": h.status,
                "status_by": by,
                "status_by_label": by.map(|b| lost_phrase(r, ui, b)),
                "status_by_href": by.map(|b| ui.act_href(b)),
                "hits": [],
            }));
            out.len() - 1
        });
        let lang = h.lang.code();
        let span = format!("{}-{}", h.span[0], h.span[1]);
        let href = match &h.regulation_id {
            Some(reg) => format!("{}#{}", ui.act_href(&h.act_id), anchor(reg, h.lang)),
            None => ui.act_href(&h.act_id),
        };
        let hit = json!({
            "title": h.title,
            "href": href,
            "path": h.path,
            "lang": lang,
            "level": h.level,
            "snippet": h.snippet,
            "source_href": source_href(ui, &h.act_id, lang, &span, false),
        });
        if let Some(Value::Array(hits)) = out.get_mut(slot).and_then(|g| g.get_mut("hits")) {
            hits.push(hit);
        }
    }
    Value::Array(out)
}

/// The facets as links that narrow the search.
fn facets(ui: &Ui, f: &crate::index::Facets, active: &BTreeMap<&str, &str>) -> Value {
    let facet = |name: &str,
                 label: String,
                 counts: &BTreeMap<String, u64>,
                 word: &dyn Fn(&str) -> String| {
        let values: Vec<Value> = counts
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(v, n)| {
                json!({
                    "label": word(v),
                    "count": n,
                    "href": with(&ui.uri, &[(name, v)]),
                    "active": active.get(name) == Some(&v.as_str()),
                })
            })
            .collect();
        json!({"label": label, "values": values})
    };
    let same = |v: &str| v.to_string();
    let kind = |v: &str| ui.display(&json!(v));
    let region = |v: &str| {
        if v == "KZ" {
            ui.t("national")
        } else {
            v.to_string()
        }
    };
    let status = |v: &str| ui.t(v);
    let lang = |v: &str| match v {
        "kk" => "Қазақша".to_string(),
        "ru" => "Русский".to_string(),
        v => v.to_string(),
    };
    json!([
        facet("status", ui.t("status"), &f.status, &status),
        facet("region", ui.t("region"), &f.region, &region),
        facet("lang", ui.t("language"), &f.lang, &lang),
        facet("kind", ui.t("kind"), &f.kind, &kind),
        facet("year", ui.t("year"), &f.year, &same),
    ])
}

/// An act as legal staff name it: «постановление от 05.06.2020 № 131»,
/// «05.06.2020 № 131 қаулы»; a regulation by its service.
fn node_label(r: &Registry, ui: &Ui, id: &str) -> String {
    let Some(n) = r.node(id) else {
        return id.to_string();
    };
    if n.kind == NodeKind::Regulation {
        return n
            .facts
            .title
            .as_ref()
            .map_or_else(|| label(n), |t| format!("«{t}»"));
    }
    let kind = n
        .facts
        .kind
        .map_or_else(|| ui.t("act_word"), |k| ui.t(&format!("v_{}", k.as_str())));
    ui.act_phrase(&kind, n)
}

/// «утратил силу постановлением … от … № …» / «… № … қаулысымен күші жойылды».
fn lost_phrase(r: &Registry, ui: &Ui, id: &str) -> String {
    let Some(n) = r.node(id) else {
        return format!("{} {id}", ui.t("lost_phrase"));
    };
    let by = n
        .facts
        .kind
        .map_or_else(|| ui.t("by_act"), |k| ui.t(&format!("by_{}", k.as_str())));
    let phrase = ui.act_phrase(&by, n);
    match ui.lang {
        "kk" => format!("{phrase} {}", ui.t("lost_phrase")),
        _ => format!("{} {phrase}", ui.t("lost_phrase")),
    }
}

/// A regulation's anchor on its act's page.
fn anchor(reg_id: &str, lang: Language) -> String {
    let tail = reg_id.rsplit_once("/!").map_or(reg_id, |(_, t)| t);
    format!("{tail}-{}", lang.code())
}

/// The source view of an act's text with a span highlighted.
fn source_href(ui: &Ui, act: &str, lang: &str, span: &str, meta: bool) -> String {
    let mut q = vec![("lang", lang), ("highlight", span)];
    if meta {
        q.push(("file", "meta"));
    }
    format!("{}#hl", ui.link(&format!("/source{act}"), &q))
}

// ------------------------------------------------------------------- act

async fn act_page(
    State(s): Shared,
    OriginalUri(uri): OriginalUri,
    IdPath(id): IdPath,
    params: Params,
) -> Response {
    let ui = Ui::of(&params, uri);
    let ctx = act_context(&s, &ui, &id, &params);
    ui.page("act.html", ctx)
}

fn act_context(s: &AppState, ui: &Ui, id: &str, params: &Params) -> Result<Value, ApiError> {
    let r = &s.registry;
    let docs = act_documents(r, id);
    // An act known only from references has a page too: its status,
    // lineage and what is said of it, without a text.
    let node = r
        .node(id)
        .ok_or_else(|| ApiError::not_found(format!("{id}: {}", ui.t("not_found"))))?;
    let as_of = params
        .get("as_of")
        .map(|v| date("as_of", v))
        .transpose()?
        .unwrap_or(s.today);
    let status = r.status_at(node, as_of);
    let mut status_json = json!(status);
    if let (Value::Object(map), Some(d)) = (&mut status_json, &status.decided_by) {
        map.insert("decider_href".into(), json!(ui.act_href(&d.id)));
        map.insert("decider_phrase".into(), json!(lost_phrase(r, ui, &d.id)));
    }
    // The page's language first, where the act has a text in it.
    let mut docs = docs;
    docs.sort_by_key(|d| d.language.code() != ui.lang);
    let texts = docs
        .iter()
        .map(|d| text_context(ui, id, d))
        .collect::<Result<Vec<_>, _>>()?;
    let regulations: Vec<Value> = docs
        .iter()
        .flat_map(|d| {
            d.regulations
                .iter()
                .enumerate()
                .map(move |(i, reg)| (d, i, reg))
        })
        .map(|(d, i, reg)| regulation_context(r, ui, id, d, i, reg))
        .collect::<Result<_, _>>()?;
    let history: Vec<Value> = r
        .history(node)
        .into_iter()
        .map(|i| {
            json!({
                "status": i.status, "from": i.from, "to": i.to, "by": i.by,
                "by_label": i.by.as_deref().map(|b| node_label(r, ui, b)),
                "by_href": i.by.as_deref().map(|b| ui.act_href(b)),
            })
        })
        .collect();
    let lang = docs.first().map(|d| d.language);
    let consolidated = r.consolidate(id, None, lang, as_of);
    let consolidated = consolidated.has_text.then(|| {
        json!({
            "provisions": consolidated.provisions.iter().map(|p| json!({
                "text": p.text.clone().unwrap_or_else(|| "…".into()),
                "change": p.change,
                "by": p.changed_by,
                "by_label": p.changed_by.as_deref().map(|b| node_label(r, ui, b)),
                "by_href": p.changed_by.as_deref().map(|b| ui.act_href(b)),
            })).collect::<Vec<_>>(),
            "unapplied": consolidated.unapplied,
        })
    });
    let title = docs
        .first()
        .and_then(|d| d.act.title.as_ref())
        .map_or_else(|| label(node), |t| t.value.clone());
    let bare = id.trim_start_matches('/');
    Ok(json!({
        "id": id,
        "label": node_label(r, ui, id),
        "title": title,
        "as_of": as_of,
        "status": status_json,
        "texts": texts,
        "history": history,
        "lineage": lineage_context(r, ui, id),
        "regulations": regulations,
        "consolidated": consolidated,
        "json_href": format!("/api/v1/acts/{bare}"),
        "align_href": bilingual(&docs).then(|| {
            let q = serde_urlencoded::to_string([("a", id), ("b", id)]).unwrap_or_default();
            format!("/api/v1/align?{q}")
        }),
        "akn_href": format!("/api/v1/acts/{bare}?format=akn"),
    }))
}

/// Whether an act has a text in both languages (they can be aligned).
fn bilingual(docs: &[&Document]) -> bool {
    [Language::Ru, Language::Kk]
        .iter()
        .all(|l| docs.iter().any(|d| d.language == *l))
}

/// Which fields of an act its page shows, by JSON pointer into its record.
const ACT_FIELDS: [(&str, &str); 9] = [
    ("field_kind", "/act/kind"),
    ("field_issuer", "/act/issuer/name"),
    ("field_date", "/act/date"),
    ("field_number", "/act/number"),
    ("field_title", "/act/title"),
    ("field_registration", "/act/registration"),
    ("field_entry", "/act/entry_into_force/text"),
    ("field_lost_force", "/act/lost_force/statement"),
    ("field_signatory", "/act/signatory"),
];

/// One text of an act: its metadata, each value linked to its span.
fn text_context(ui: &Ui, id: &str, d: &Document) -> Result<Value, ApiError> {
    let record = d.to_json()?;
    let lang = d.language.code();
    let meta: Vec<Value> = ACT_FIELDS
        .iter()
        .filter_map(|(key, pointer)| {
            sourced(ui, id, lang, &record, pointer).map(|v| labelled(ui, key, v))
        })
        .collect();
    Ok(json!({
        "lang": lang,
        "lang_name": words().get(lang).and_then(|w| w.get("lang_name")),
        "source_href": ui.link(&format!("/source{id}"), &[("lang", lang)]),
        "meta": meta,
    }))
}

fn labelled(ui: &Ui, key: &str, mut v: Value) -> Value {
    if let Value::Object(map) = &mut v {
        map.insert("label".into(), json!(ui.t(key)));
    }
    v
}

/// The value at `pointer` in a record, as text, with a link to its span
/// in the source view (the first span inside it, for a composite value).
fn sourced(ui: &Ui, id: &str, lang: &str, record: &Value, pointer: &str) -> Option<Value> {
    let value = record
        .pointer(pointer)
        .map(|v| ui.display(v))
        .filter(|v| !v.is_empty())?;
    let spans = record.get("spans").and_then(Value::as_object);
    let span = spans.and_then(|s| {
        s.get(pointer).or_else(|| {
            let prefix = format!("{pointer}/");
            s.iter()
                .find(|(k, _)| k.starts_with(&prefix))
                .map(|(_, v)| v)
        })
    });
    let href = span.and_then(Value::as_array).and_then(|a| {
        let start = a.first()?.as_u64()?;
        let end = a.get(1)?.as_u64()?;
        let meta = a
            .get(2)
            .and_then(Value::as_str)
            .is_some_and(|f| f.ends_with("meta.yaml"));
        Some(source_href(ui, id, lang, &format!("{start}-{end}"), meta))
    });
    Some(json!({"value": value, "href": href, "span": span}))
}

/// Which fields of a regulation its card shows.
const REGULATION_FIELDS: [(&str, &str); 11] = [
    ("field_document_kind", "kind"),
    ("field_service", "service"),
    ("field_provider", "provider"),
    ("field_channels", "channels"),
    ("field_forms", "forms"),
    ("field_fee", "fee"),
    ("field_result", "result"),
    ("field_terms", "terms"),
    ("field_schedule", "schedule"),
    ("field_documents", "documents"),
    ("field_refusal_grounds", "refusal_grounds"),
];

fn regulation_context(
    r: &Registry,
    ui: &Ui,
    act: &str,
    d: &Document,
    i: usize,
    reg: &Regulation,
) -> Result<Value, ApiError> {
    let record = d.to_json()?;
    let lang = d.language.code();
    let fields: Vec<Value> = REGULATION_FIELDS
        .iter()
        .filter_map(|(key, field)| {
            sourced(ui, act, lang, &record, &format!("/regulations/{i}/{field}"))
                .map(|v| labelled(ui, key, v))
        })
        .collect();
    let procedures = procedures_context(ui, act, lang, &record, i, &reg.procedures);
    let total: u64 = reg.procedures.iter().filter_map(minutes).sum();
    let id = reg.id.clone().unwrap_or_default();
    Ok(json!({
        "id": id,
        "anchor": anchor(&id, d.language),
        "service": reg.service.as_ref().map_or_else(|| reg.title.value.clone(), |s| s.value.clone()),
        "fields": fields,
        "procedures": procedures,
        "total_minutes": (total > 0).then_some(total),
        "compare": compare_links(r, ui, act, reg),
        "json_href": format!("/api/v1/regulations/{}", id.trim_start_matches('/')),
    }))
}

/// A step's duration in minutes, where its unit is a clock unit (working
/// days and months have no fixed length in minutes).
fn minutes(p: &Procedure) -> Option<u64> {
    let d = p.duration.as_ref()?;
    let per = match d.unit.value {
        DurationUnit::Minute => 1,
        DurationUnit::Hour => 60,
        _ => return None,
    };
    d.value.value.checked_mul(per)
}

/// The procedure table's rows, with each step's bar on a common timeline.
fn procedures_context(
    ui: &Ui,
    act: &str,
    lang: &str,
    record: &Value,
    i: usize,
    steps: &[Procedure],
) -> Vec<Value> {
    let total: u64 = steps.iter().filter_map(minutes).sum();
    let mut elapsed = 0u64;
    steps
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let at = |f: &str| {
                sourced(
                    ui,
                    act,
                    lang,
                    record,
                    &format!("/regulations/{i}/procedures/{k}/{f}"),
                )
            };
            let m = minutes(p);
            let (offset, width) = match (m, total) {
                (Some(m), t) if t > 0 => (elapsed * 100 / t, (m * 100 / t).max(1)),
                _ => (0, 0),
            };
            elapsed += m.unwrap_or(0);
            json!({
                "n": p.n.value,
                "actor": at("actor/text"),
                "action": at("action"),
                "duration": at("duration/text"),
                "result": at("result"),
                "minutes": m,
                "offset": offset,
                "width": width,
            })
        })
        .collect()
}

/// Links to the diff with the same service elsewhere: another region
/// first, then other versions in the same region.
fn compare_links(r: &Registry, ui: &Ui, act: &str, reg: &Regulation) -> Vec<Value> {
    let (Some(id), Some(service)) = (reg.id.as_deref(), reg.service.as_ref()) else {
        return Vec::new();
    };
    let region = r.node(act).and_then(|n| n.facts.region.clone());
    let mut out: Vec<(bool, Value)> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for d in &r.documents {
        let other_act = crate::registry::act_key(d);
        for other in &d.regulations {
            let (Some(oid), Some(os)) = (other.id.as_deref(), other.service.as_ref()) else {
                continue;
            };
            if other_act == act
                || other.language != reg.language
                || !crate::text::same_service(&os.value, &service.value)
                || !seen.insert(oid.to_string())
            {
                continue;
            }
            let other_region = r.node(&other_act).and_then(|n| n.facts.region.clone());
            let elsewhere = other_region != region;
            let word = if elsewhere {
                ui.t("compare")
            } else {
                ui.t("compare_versions")
            };
            let href = ui.link("/diff", &[("a", id), ("b", oid)]);
            out.push((
                elsewhere,
                json!({"label": format!("{word}: {}", node_label(r, ui, &other_act)), "href": href}),
            ));
        }
    }
    out.sort_by_key(|(elsewhere, _)| !elsewhere);
    out.into_iter().take(6).map(|(_, v)| v).collect()
}

/// An act's ancestors and descendants, flattened with their depth.
fn lineage_context(r: &Registry, ui: &Ui, id: &str) -> Vec<Value> {
    let Some(l) = r.lineage(id) else {
        return Vec::new();
    };
    fn flatten(
        r: &Registry,
        b: &crate::registry::Branch,
        depth: usize,
        ui: &Ui,
        out: &mut Vec<Value>,
    ) {
        let relation = ui.t(&format!("rel_{}", b.relation.replace(' ', "_")));
        out.push(json!({"relation": relation, "label": node_label(r, ui, &b.id), "href": ui.act_href(&b.id), "depth": depth}));
        for c in &b.children {
            flatten(r, c, depth + 1, ui, out);
        }
    }
    [("ancestors", &l.ancestors), ("descendants", &l.descendants)]
        .into_iter()
        .filter(|(_, bs)| !bs.is_empty())
        .map(|(key, bs)| {
            let mut rows = Vec::new();
            for b in bs {
                flatten(r, b, 0, ui, &mut rows);
            }
            json!({"label": ui.t(key), "rows": rows})
        })
        .collect()
}

// ---------------------------------------------------------------- source

async fn source_page(
    State(s): Shared,
    OriginalUri(uri): OriginalUri,
    IdPath(id): IdPath,
    params: Params,
) -> Response {
    let ui = Ui::of(&params, uri);
    let ctx = read_source(&s, &id, &params).map(|src| {
        let bytes = src.text.as_bytes();
        let part = |r: std::ops::Range<usize>| {
            String::from_utf8_lossy(bytes.get(r).unwrap_or_default()).into_owned()
        };
        let (before, span, after, highlight) = match src.highlight {
            Some((a, b)) => (
                part(0..a),
                part(a..b),
                part(b..bytes.len()),
                Some(format!("{a}–{b}")),
            ),
            None => (src.text.clone(), String::new(), String::new(), None),
        };
        json!({
            "label": node_label(&s.registry, &ui, &id),
            "act_href": ui.act_href(&id),
            "path": src.path,
            "before": before, "span": span, "after": after, "highlight": highlight,
        })
    });
    ui.page("source.html", ctx)
}

// ------------------------------------------------------------------ diff

async fn diff_page(State(s): Shared, OriginalUri(uri): OriginalUri, params: Params) -> Response {
    let ui = Ui::of(&params, uri);
    let ctx = diff_context(&s.registry, &ui, &params);
    ui.page("diff.html", ctx)
}

fn diff_context(r: &Registry, ui: &Ui, params: &Params) -> Result<Value, ApiError> {
    params.only(&["a", "b", "ui"])?;
    let (a_id, b_id) = two_ids(params)?;
    let (a, b) = (regulation(r, a_id)?, regulation(r, b_id)?);
    let diff = crate::diff::regulations(a_id, a, b_id, b);
    let side = |id: &str, reg: &Regulation| {
        let act = id.split_once("/!").map_or(id, |(act, _)| act);
        json!({
            "label": node_label(r, ui, act),
            "service": reg.service.as_ref().map(|s| s.value.clone()),
            "href": format!("{}#{}", ui.act_href(act), anchor(id, reg.language)),
        })
    };
    let step = |v: &Option<Value>| {
        v.as_ref().map(|p| {
            json!({
                "actor": p.pointer("/actor/text").map(|v| ui.display(v)),
                "action": p.get("action").map(|v| ui.display(v)),
                "duration": p.pointer("/duration/text").map(|v| ui.display(v)),
            })
        })
    };
    let fields: Vec<Value> = diff
        .fields
        .iter()
        .map(|f| json!({"label": ui.t(&format!("field_{}", f.field)), "a": ui.display(&f.a), "b": ui.display(&f.b), "same": f.a == f.b}))
        .collect();
    let procedures: Vec<Value> = diff
        .procedures
        .iter()
        .map(|p| {
            json!({
                "n": p.n, "change": p.change, "a": step(&p.a), "b": step(&p.b),
                "changed": p.changed.iter().map(|c| ui.t(c)).collect::<Vec<_>>().join(", "),
            })
        })
        .collect();
    Ok(json!({
        "a": side(a_id, a), "b": side(b_id, b),
        "fields": fields, "procedures": procedures, "redline": diff.redline,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Russian and Kazakh are equals: every word of the page is in both.
    #[test]
    fn every_word_is_in_both_languages() {
        let w = words();
        let (Some(ru), Some(kk)) = (w.get("ru"), w.get("kk")) else {
            panic!("ui.toml lacks [ru] or [kk]");
        };
        let keys = |m: &BTreeMap<String, String>| m.keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(ru), keys(kk));
        assert!(ru.values().chain(kk.values()).all(|v| !v.is_empty()));
    }

    #[test]
    fn every_template_compiles() {
        for (name, _) in TEMPLATES {
            assert!(templates().get_template(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn links_keep_other_parameters_and_reset_the_page() {
        let uri: axum::http::Uri = "/?q=%D1%83&page=3&status=".parse().unwrap_or_default();
        assert_eq!(with(&uri, &[("lang", "kk")]), "/?q=%D1%83&lang=kk");
        assert_eq!(with(&uri, &[("page", "4")]), "/?q=%D1%83&page=4");
        assert_eq!(with(&uri, &[("ui", "kk")]), "/?q=%D1%83&page=3&ui=kk");
    }
}
