//! A reader for the printed SDL of the crate's `schema/magento-graphql/` (graphql-js
//! `printSchema` output: descriptions, `type`/`interface`/`input`/`enum` definitions,
//! `implements`, arguments with defaults and `@deprecated`), giving the expected answer of an
//! introspection. Test code only: it knows just the SDL subset those two files use and fails
//! loudly on anything else.

use std::collections::BTreeMap;

/// The SDL files of Adobe's customer-account subset, as the crate vendors them verbatim from
/// `shared/contracts/magento-graphql/` (see `schema/magento-graphql/PROVENANCE.md`): the
/// vendor's contract, not the mock's code.
pub const SDL_2_4_8: &str =
    include_str!("../../schema/magento-graphql/customer-account-2.4.8.graphql");
pub const SDL_2_4_9: &str =
    include_str!("../../schema/magento-graphql/customer-account-2.4.9.graphql");

/// One named type of the SDL, in introspection terms.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// `OBJECT`, `INTERFACE`, `INPUT_OBJECT`, `ENUM`, `SCALAR` or `UNION`.
    pub kind: &'static str,
    pub description: Option<String>,
    /// Fields of objects and interfaces, input fields of input objects, by name.
    pub fields: BTreeMap<String, FieldDef>,
    pub interfaces: Vec<String>,
    /// Enum values by name.
    pub values: BTreeMap<String, Deprecation>,
}

/// A field or input field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDef {
    pub description: Option<String>,
    /// The type as SDL text, e.g. `[CustomerAddress]!`.
    pub ty: String,
    pub args: BTreeMap<String, ArgDef>,
    /// The default value of an input field, as GraphQL text.
    pub default: Option<String>,
    pub deprecation: Deprecation,
}

/// An argument.
#[derive(Debug, Clone, PartialEq)]
pub struct ArgDef {
    pub description: Option<String>,
    pub ty: String,
    pub default: Option<String>,
}

/// `Some(reason)` when deprecated.
pub type Deprecation = Option<String>;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Name(String),
    Str(String),
    Num(String),
    Punct(char),
}

fn tokenize(sdl: &str) -> Vec<Token> {
    let chars: Vec<char> = sdl.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || c == ',' || c == '\u{feff}' {
            i += 1;
        } else if c == '#' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if chars[i..].starts_with(&['"', '"', '"']) {
            i += 3;
            let mut raw = String::new();
            loop {
                assert!(i < chars.len(), "unterminated block string");
                if chars[i..].starts_with(&['\\', '"', '"', '"']) {
                    raw.push_str("\"\"\"");
                    i += 4;
                } else if chars[i..].starts_with(&['"', '"', '"']) {
                    i += 3;
                    break;
                } else {
                    raw.push(chars[i]);
                    i += 1;
                }
            }
            tokens.push(Token::Str(block_string_value(&raw)));
        } else if c == '"' {
            i += 1;
            let mut value = String::new();
            while chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                    match chars[i] {
                        'n' => value.push('\n'),
                        't' => value.push('\t'),
                        'r' => value.push('\r'),
                        'b' => value.push('\u{8}'),
                        'f' => value.push('\u{c}'),
                        'u' => {
                            let hex: String = chars[i + 1..i + 5].iter().collect();
                            let code = u32::from_str_radix(&hex, 16).expect("\\u escape");
                            value.push(char::from_u32(code).expect("a scalar value"));
                            i += 4;
                        }
                        other => value.push(other),
                    }
                } else {
                    value.push(chars[i]);
                }
                i += 1;
            }
            i += 1;
            tokens.push(Token::Str(value));
        } else if c == '_' || c.is_ascii_alphabetic() {
            let start = i;
            while i < chars.len() && (chars[i] == '_' || chars[i].is_ascii_alphanumeric()) {
                i += 1;
            }
            tokens.push(Token::Name(chars[start..i].iter().collect()));
        } else if c == '-' || c.is_ascii_digit() {
            let start = i;
            i += 1;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || ".+-".contains(chars[i]))
            {
                i += 1;
            }
            tokens.push(Token::Num(chars[start..i].iter().collect()));
        } else if "{}()[]:!=@&|".contains(c) {
            tokens.push(Token::Punct(c));
            i += 1;
        } else {
            panic!("unexpected character {c:?} in the SDL");
        }
    }
    tokens
}

/// The value of a block string (GraphQL spec, BlockStringValue): common indentation removed
/// from every line but the first, leading and trailing blank lines dropped.
fn block_string_value(raw: &str) -> String {
    let lines: Vec<&str> = raw
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let indent = lines
        .iter()
        .skip(1)
        .filter(|l| l.chars().any(|c| c != ' ' && c != '\t'))
        .map(|l| l.chars().take_while(|c| *c == ' ' || *c == '\t').count())
        .min();
    let mut out: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(n, l)| match indent {
            Some(indent) if n > 0 => l.chars().skip(indent).collect(),
            _ => l.to_string(),
        })
        .collect();
    while out
        .first()
        .is_some_and(|l| l.trim_matches([' ', '\t']).is_empty())
    {
        out.remove(0);
    }
    while out
        .last()
        .is_some_and(|l| l.trim_matches([' ', '\t']).is_empty())
    {
        out.pop();
    }
    out.join("\n")
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Token {
        let t = self.tokens.get(self.at).cloned().expect("more SDL");
        self.at += 1;
        t
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(&Token::Punct(c)) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char) {
        let t = self.next();
        assert_eq!(t, Token::Punct(c), "expected {c:?}");
    }

    fn name(&mut self) -> String {
        match self.next() {
            Token::Name(n) => n,
            t => panic!("expected a name, got {t:?}"),
        }
    }

    fn description(&mut self) -> Option<String> {
        match self.peek() {
            Some(Token::Str(_)) => match self.next() {
                Token::Str(s) => Some(s),
                _ => unreachable!(),
            },
            _ => None,
        }
    }

    fn type_ref(&mut self) -> String {
        let mut ty = if self.eat('[') {
            let inner = self.type_ref();
            self.expect(']');
            format!("[{inner}]")
        } else {
            self.name()
        };
        if self.eat('!') {
            ty.push('!');
        }
        ty
    }

    /// A constant value, printed back as GraphQL text.
    fn value(&mut self) -> String {
        match self.next() {
            Token::Name(n) => n,
            Token::Num(n) => n,
            Token::Str(s) => serde_json::to_string(&s).unwrap(),
            Token::Punct('[') => {
                let mut items = Vec::new();
                while !self.eat(']') {
                    items.push(self.value());
                }
                format!("[{}]", items.join(", "))
            }
            Token::Punct('{') => {
                let mut entries = Vec::new();
                while !self.eat('}') {
                    let key = self.name();
                    self.expect(':');
                    entries.push(format!("{key}: {}", self.value()));
                }
                format!("{{{}}}", entries.join(", "))
            }
            t => panic!("unexpected {t:?} in a value"),
        }
    }

    /// Directives; returns the `@deprecated` reason, if any.
    fn directives(&mut self) -> Deprecation {
        let mut deprecation = None;
        while self.eat('@') {
            let name = self.name();
            let mut reason = None;
            if self.eat('(') {
                while !self.eat(')') {
                    let arg = self.name();
                    self.expect(':');
                    let value = self.next();
                    if arg == "reason" {
                        if let Token::Str(s) = value {
                            reason = Some(s);
                        }
                    }
                }
            }
            if name == "deprecated" {
                deprecation = Some(reason.unwrap_or_else(|| "No longer supported".into()));
            }
        }
        deprecation
    }

    fn fields(&mut self, input: bool) -> BTreeMap<String, FieldDef> {
        let mut fields = BTreeMap::new();
        self.expect('{');
        while !self.eat('}') {
            let description = self.description();
            let name = self.name();
            let mut args = BTreeMap::new();
            if !input && self.eat('(') {
                while !self.eat(')') {
                    let description = self.description();
                    let arg = self.name();
                    self.expect(':');
                    let ty = self.type_ref();
                    let default = self.eat('=').then(|| self.value());
                    self.directives();
                    args.insert(
                        arg,
                        ArgDef {
                            description,
                            ty,
                            default,
                        },
                    );
                }
            }
            self.expect(':');
            let ty = self.type_ref();
            let default = (input && self.eat('=')).then(|| self.value());
            let deprecation = self.directives();
            fields.insert(
                name,
                FieldDef {
                    description,
                    ty,
                    args,
                    default,
                    deprecation,
                },
            );
        }
        fields
    }
}

/// Every named type defined in `sdl`.
pub fn parse(sdl: &str) -> BTreeMap<String, TypeDef> {
    let mut p = Parser {
        tokens: tokenize(sdl),
        at: 0,
    };
    let mut types = BTreeMap::new();
    while p.peek().is_some() {
        let description = p.description();
        let keyword = p.name();
        let name = p.name();
        let mut def = TypeDef {
            kind: "",
            description,
            fields: BTreeMap::new(),
            interfaces: Vec::new(),
            values: BTreeMap::new(),
        };
        match keyword.as_str() {
            "type" | "interface" => {
                def.kind = if keyword == "type" {
                    "OBJECT"
                } else {
                    "INTERFACE"
                };
                if p.peek() == Some(&Token::Name("implements".into())) {
                    p.next();
                    p.eat('&');
                    def.interfaces.push(p.name());
                    while p.eat('&') {
                        def.interfaces.push(p.name());
                    }
                }
                p.directives();
                def.fields = p.fields(false);
            }
            "input" => {
                def.kind = "INPUT_OBJECT";
                p.directives();
                def.fields = p.fields(true);
            }
            "enum" => {
                def.kind = "ENUM";
                p.directives();
                p.expect('{');
                while !p.eat('}') {
                    p.description();
                    let value = p.name();
                    let deprecation = p.directives();
                    def.values.insert(value, deprecation);
                }
            }
            "scalar" => {
                def.kind = "SCALAR";
                p.directives();
            }
            other => panic!("unsupported SDL definition `{other}`"),
        }
        types.insert(name, def);
    }
    types
}
