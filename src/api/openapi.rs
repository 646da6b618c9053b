//! The OpenAPI 3.1 document, generated from the handlers' `#[utoipa::path]`
//! attributes; the record's JSON Schema (the same one `reglament schema`
//! prints) joins it as the `Document` component.

use super::error::ApiError;
use super::{admin, v1};
use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "reglament",
        description = "A registry of Kazakhstan's public-service regulations: search, records, status, lineage, consolidated texts, diffs and exports."
    ),
    paths(
        v1::search,
        v1::act,
        v1::act_regulations,
        v1::source,
        v1::regulation_record,
        v1::lineage,
        v1::status,
        v1::consolidated,
        v1::diff,
        v1::align,
        v1::parse,
        v1::export,
        v1::feed,
        admin::add_act,
        admin::reindex
    ),
    components(schemas(ApiError)),
    modifiers(&BearerScheme)
)]
struct Doc;

/// The writing endpoints' security scheme: `Authorization: Bearer` with
/// the server's `REGLAMENT_ADMIN_TOKEN`.
struct BearerScheme;

impl utoipa::Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some(
                "The server's REGLAMENT_ADMIN_TOKEN; the writing endpoints exist only when it is set",
            ))
            .build();
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// The document as JSON.
pub fn json() -> serde_json::Value {
    let mut doc = serde_json::to_value(Doc::openapi()).unwrap_or_default();
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(serde_json::Value::as_object_mut)
    {
        schemas.insert("Document".into(), crate::record::Document::json_schema());
    }
    doc
}

/// `GET /openapi.json`.
pub async fn document() -> Json<serde_json::Value> {
    Json(json())
}
