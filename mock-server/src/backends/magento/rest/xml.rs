//! XML request bodies, which Adobe's Swagger lists next to JSON (`consumes`): read into the
//! JSON value the same request would have in JSON. Element text is a string (the readers
//! convert it like any JSON string), child elements make an object, children all named
//! `item` make an array, and repeated names make an array. No DOCTYPE (so no entities beyond
//! XML's five and character references), a bounded depth, one root element.

use serde_json::{Map, Value};

/// Deepest element nesting accepted.
const MAX_DEPTH: usize = 64;

struct Parser<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn skip_space(&mut self) {
        let trimmed = self.rest().trim_start();
        self.at = self.text.len() - trimmed.len();
    }

    /// Skips whitespace, comments and processing instructions (the XML declaration).
    fn skip_misc(&mut self) -> Option<()> {
        loop {
            self.skip_space();
            if self.rest().starts_with("<?") {
                self.at += self.rest().find("?>")? + 2;
            } else if self.rest().starts_with("<!--") {
                self.at += self.rest().find("-->")? + 3;
            } else {
                return Some(());
            }
        }
    }

    fn name(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..end];
        if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit() || "-.!".contains(c)) {
            return None;
        }
        self.at += end;
        Some(name)
    }

    /// One element (the cursor on its `<`): its name and value.
    fn element(&mut self, depth: usize) -> Option<(&'a str, Value)> {
        if depth > MAX_DEPTH || !self.rest().starts_with('<') {
            return None;
        }
        self.at += 1;
        let name = self.name()?;
        // Attributes are read past, not used.
        let close = self.rest().find('>')?;
        let self_closing = self.rest()[..close].ends_with('/');
        if self.rest()[..close].contains('<') {
            return None;
        }
        self.at += close + 1;
        if self_closing {
            return Some((name, Value::String(String::new())));
        }
        let mut text = String::new();
        let mut children: Vec<(&'a str, Value)> = Vec::new();
        loop {
            let next = self.rest().find('<')?;
            text.push_str(&decode(&self.rest()[..next])?);
            self.at += next;
            if self.rest().starts_with("</") {
                self.at += 2;
                if self.name()? != name {
                    return None;
                }
                self.skip_space();
                self.rest().starts_with('>').then_some(())?;
                self.at += 1;
                break;
            } else if self.rest().starts_with("<!--") {
                self.at += self.rest().find("-->")? + 3;
            } else if self.rest().starts_with("<![CDATA[") {
                let end = self.rest().find("]]>")?;
                text.push_str(&self.rest()[9..end]);
                self.at += end + 3;
            } else {
                children.push(self.element(depth + 1)?);
            }
        }
        if children.is_empty() {
            return Some((name, Value::String(text)));
        }
        if children.iter().all(|(child, _)| *child == "item") {
            return Some((
                name,
                Value::Array(children.into_iter().map(|(_, v)| v).collect()),
            ));
        }
        let mut object = Map::new();
        for (child, value) in children {
            match object.get_mut(child) {
                Some(Value::Array(list)) => list.push(value),
                Some(existing) => {
                    let first = existing.take();
                    *existing = Value::Array(vec![first, value]);
                }
                None => {
                    object.insert(child.to_owned(), value);
                }
            }
        }
        Some((name, Value::Object(object)))
    }
}

/// Text with XML's five entities and character references decoded.
fn decode(raw: &str) -> Option<String> {
    if !raw.contains('&') {
        return Some(raw.to_owned());
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';')? + at;
        let entity = &rest[at + 1..end];
        let character = match entity {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = match entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => entity.strip_prefix('#')?.parse().ok()?,
                };
                char::from_u32(code)?
            }
        };
        out.push(character);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// The JSON value of an XML body (the root element's value), or `None` when it is not
/// well-formed, has a DOCTYPE, nests too deep, or has anything but misc after the root.
pub(crate) fn parse(body: &[u8]) -> Option<Value> {
    let text = std::str::from_utf8(body).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains("<!DOCTYPE") || text.contains("<!ENTITY") {
        return None;
    }
    let mut parser = Parser { text, at: 0 };
    parser.skip_misc()?;
    let (_, value) = parser.element(0)?;
    parser.skip_misc()?;
    parser.rest().is_empty().then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_registration_reads_like_its_json() {
        let body = br#"<?xml version="1.0"?>
            <request><customer><email>jdoe@example.com</email><firstname>J &amp; J</firstname>
            <addresses><item><street><item>1 Main</item><item>Apt &#x31;</item></street>
            <defaultBilling>true</defaultBilling></item></addresses></customer>
            <password><![CDATA[Pass<word>1]]></password><redirectUrl/></request>"#;
        assert_eq!(
            parse(body),
            Some(
                json!({"customer": {"email": "jdoe@example.com", "firstname": "J & J",
                "addresses": [{"street": ["1 Main", "Apt 1"], "defaultBilling": "true"}]},
                "password": "Pass<word>1", "redirectUrl": ""})
            )
        );
    }

    #[test]
    fn malformed_documents_are_refused() {
        for bad in [
            &b"<request>null</request><request>null</request>"[..],
            b"<a><b></a>",
            b"<a>",
            b"<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>",
            b"<a>&bogus;</a>",
            b"\xff",
            b"",
        ] {
            assert_eq!(parse(bad), None, "{:?}", String::from_utf8_lossy(bad));
        }
        let deep = format!("{}{}", "<a>".repeat(100), "</a>".repeat(100));
        assert_eq!(parse(deep.as_bytes()), None);
        assert_eq!(parse(b"<request>null</request>"), Some(json!("null")));
    }
}
