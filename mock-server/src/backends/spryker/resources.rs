//! Response documents as Glue's `ResponseBuilder` writes them: a resource is `type`, `id`,
//! `attributes`, `links`, then `relationships` when it has any; a single resource answers
//! `POST` and requests with an id, a collection adds the top-level `links`; `included` comes
//! last. Links are absolute, on the origin the request named in `Host`.

use super::php_json::php_json;
use crate::http::{ApiRequest, ApiResponse, ResponseOrigin};
use serde::Serialize;

/// The media type of every JSON:API response.
pub(crate) const JSON_API_CONTENT_TYPE: &str = "application/vnd.api+json";

/// `http://<Host>`: the domain links start with (Glue's configured domain; the mock answers on
/// whatever host it was reached by).
pub(crate) fn origin(request: &ApiRequest<'_>) -> String {
    let host = request
        .header("host")
        .filter(|host| !host.is_empty() && host.bytes().all(|byte| byte.is_ascii_graphic()))
        .unwrap_or("localhost");
    format!("http://{host}")
}

/// `{"self": "<link>"}`.
#[derive(Debug, Serialize)]
pub(crate) struct Links {
    #[serde(rename = "self")]
    self_link: String,
}

impl Links {
    /// A self link: `origin` and `path` (which starts with `/`).
    pub(crate) fn to(origin: &str, path: &str) -> Self {
        Self {
            self_link: format!("{origin}{path}"),
        }
    }
}

/// `{"type","id"}` of a related resource.
#[derive(Debug, Serialize)]
pub(crate) struct Identifier {
    #[serde(rename = "type")]
    kind: &'static str,
    id: String,
}

/// The related resources of one type.
#[derive(Debug, Serialize)]
pub(crate) struct Related {
    data: Vec<Identifier>,
}

/// `relationships` of a customer: its addresses.
#[derive(Debug, Serialize)]
pub(crate) struct Relationships {
    addresses: Related,
}

impl Relationships {
    /// The addresses with these UUIDs; `None` for none (Glue then leaves the key out).
    pub(crate) fn addresses(uuids: Vec<String>) -> Option<Self> {
        (!uuids.is_empty()).then(|| Self {
            addresses: Related {
                data: uuids
                    .into_iter()
                    .map(|id| Identifier {
                        kind: "addresses",
                        id,
                    })
                    .collect(),
            },
        })
    }
}

/// A resource object.
#[derive(Debug, Serialize)]
pub(crate) struct Resource<A> {
    #[serde(rename = "type")]
    pub(crate) kind: &'static str,
    pub(crate) id: Option<String>,
    pub(crate) attributes: A,
    pub(crate) links: Links,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) relationships: Option<Relationships>,
}

#[derive(Serialize)]
struct Document<D, I> {
    data: D,
    #[serde(skip_serializing_if = "Option::is_none")]
    links: Option<Links>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    included: Vec<I>,
}

fn json_api(status: u16, body: Vec<u8>) -> ApiResponse {
    let mut response = ApiResponse::json(status, body, ResponseOrigin::Action);
    response.content_type = Some(JSON_API_CONTENT_TYPE.to_owned());
    response
}

/// `status` with one resource (and the resources it includes).
pub(crate) fn single<A: Serialize, I: Serialize>(
    status: u16,
    data: Resource<A>,
    included: Vec<I>,
) -> ApiResponse {
    json_api(
        status,
        php_json(&Document {
            data,
            links: None,
            included,
        }),
    )
}

/// 200 with a collection and its own link.
pub(crate) fn collection<A: Serialize, I: Serialize>(
    data: Vec<Resource<A>>,
    links: Links,
    included: Vec<I>,
) -> ApiResponse {
    json_api(
        200,
        php_json(&Document {
            data,
            links: Some(links),
            included,
        }),
    )
}

/// 204 without a body (Symfony drops the content and its type).
pub(crate) fn no_content() -> ApiResponse {
    ApiResponse::empty(204, ResponseOrigin::Action)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiremock::http::HeaderMap;

    #[derive(Serialize)]
    struct Attributes {
        name: &'static str,
    }

    fn resource(id: &str) -> Resource<Attributes> {
        Resource {
            kind: "things",
            id: Some(id.to_owned()),
            attributes: Attributes { name: "a/b" },
            links: Links::to("http://h", &format!("/things/{id}")),
            relationships: None,
        }
    }

    #[test]
    fn singles_and_collections_are_laid_out_like_glue() {
        let one = single::<_, ()>(201, resource("1"), Vec::new());
        assert_eq!(one.status, 201);
        assert_eq!(one.content_type.as_deref(), Some(JSON_API_CONTENT_TYPE));
        assert_eq!(
            std::str::from_utf8(&one.body).expect("ASCII"),
            r#"{"data":{"type":"things","id":"1","attributes":{"name":"a\/b"},"links":{"self":"http:\/\/h\/things\/1"}}}"#
        );
        let mut with_relation = resource("2");
        with_relation.relationships = Relationships::addresses(vec!["u".into()]);
        let many = collection(
            vec![with_relation],
            Links::to("http://h", "/things"),
            vec![resource("3")],
        );
        let json: serde_json::Value = serde_json::from_slice(&many.body).expect("JSON");
        assert_eq!(json["links"]["self"], "http://h/things");
        assert_eq!(
            json["data"][0]["relationships"]["addresses"]["data"][0],
            serde_json::json!({"type":"addresses","id":"u"})
        );
        assert_eq!(json["included"][0]["id"], "3");
        assert!(Relationships::addresses(Vec::new()).is_none());
    }

    #[test]
    fn links_use_the_requests_host() {
        let mut headers = HeaderMap::new();
        let request = |headers: &HeaderMap| {
            origin(&ApiRequest {
                method: "GET",
                path: "/",
                query: None,
                headers,
                body: &[],
            })
        };
        assert_eq!(request(&headers), "http://localhost");
        if let Ok(host) = "glue.mysprykershop.com".parse() {
            headers.insert("host", host);
        }
        assert_eq!(request(&headers), "http://glue.mysprykershop.com");
    }
}
